package org.chorus.commissions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Generated proto types stop at the gRPC adapters (the service and its access rules); the domain knows neither gRPC nor Spring. */
@AnalyzeClasses(packages = "org.chorus.commissions", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String GENERATED = "org.chorus.commissions.v1..";

    @ArchTest
    static final ArchRule protoTypesStayInTheGrpcAdapters = noClasses()
            .that().resideOutsideOfPackage(GENERATED)
            .and().haveSimpleNameNotEndingWith("GrpcService")
            .and().haveSimpleNameNotEndingWith("GrpcAccess")
            .and().haveSimpleNameNotEndingWith("GrpcClient")
            .should().dependOnClassesThat().resideInAnyPackage("org.chorus.commissions.v1..", "org.chorus.platform.v1..",
                    "io.grpc..", "com.google.protobuf..");

    @ArchTest
    static final ArchRule theDomainIsPlainJava = noClasses()
            .that().resideOutsideOfPackage(GENERATED)
            // An anonymous class is judged with the class it is written in.
            .and().areNotAnonymousClasses()
            .and().haveSimpleNameNotEndingWith("GrpcService")
            .and().haveSimpleNameNotEndingWith("GrpcAccess")
            .and().haveSimpleNameNotEndingWith("GrpcClient")
            .and().haveSimpleNameNotEndingWith("Service")
            .and().haveSimpleNameNotEndingWith("Repository")
            .and().haveSimpleNameNotEndingWith("Application")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.grpc..");
}
