package org.chorus.membership;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Generated proto types stop at the gRPC adapters; Keycloak's admin client stops at the Keycloak
 * adapters; the domain (records, commands, ports) knows neither, nor Spring.
 */
@AnalyzeClasses(packages = "org.chorus.membership", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String GENERATED = "org.chorus.membership.v1..";
    private static final String DOMAIN = ".*\\.(RoleGrant|NewRoleGrant|RoleGrantMirror|RoleGrantRepository|Organization"
            + "|NewOrganization|OrganizationDirectory)(\\$.*)?";

    @ArchTest
    static final ArchRule protoTypesStayInTheGrpcAdapters = noClasses()
            .that().resideOutsideOfPackage(GENERATED)
            .and().haveSimpleNameNotEndingWith("GrpcService")
            .and().haveSimpleNameNotEndingWith("GrpcAccess")
            // The compiler's switch tables of an adapter are judged with the adapter.
            .and().haveNameNotMatching(".*Grpc(Service|Access)\\$.*")
            .should().dependOnClassesThat().resideInAnyPackage(GENERATED, "io.grpc..", "com.google.protobuf..");

    @ArchTest
    static final ArchRule keycloaksAdminClientStaysInTheKeycloakAdapters = noClasses()
            .that().haveSimpleNameNotStartingWith("Keycloak")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "jakarta.ws.rs..", "org.jboss.resteasy..");

    @ArchTest
    static final ArchRule theDomainIsPlainJava = noClasses()
            .that().resideOutsideOfPackage(GENERATED)
            .and().haveNameMatching(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.grpc..", "com.google.protobuf..",
                    "org.keycloak..", "jakarta..");
}
