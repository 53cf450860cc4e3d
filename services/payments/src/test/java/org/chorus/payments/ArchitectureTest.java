package org.chorus.payments;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Generated proto types stop at the gRPC adapters (the service and its access rules); the domain knows neither gRPC nor Spring. */
@AnalyzeClasses(packages = "org.chorus.payments", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String GENERATED = "org.chorus.payments.v1..";
    private static final String ADAPTERS = ".*(GrpcService|GrpcAccess)(\\$.*)?";

    @ArchTest
    static final ArchRule protoTypesStayInTheGrpcAdapters = noClasses()
            .that().resideOutsideOfPackage(GENERATED)
            // Nested and synthetic classes too (a switch over a proto enum makes one, e.g. ...GrpcService$1).
            .and().haveNameNotMatching(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(GENERATED, "io.grpc..", "com.google.protobuf..", "com.google.type..");

    @ArchTest
    static final ArchRule theDomainIsPlainJava = noClasses()
            .that().resideOutsideOfPackage(GENERATED)
            // Nested and synthetic classes too (a switch over a proto enum makes one, e.g. ...GrpcService$1).
            .and().haveNameNotMatching(ADAPTERS)
            .and().haveSimpleNameNotEndingWith("Service")
            .and().haveSimpleNameNotEndingWith("Repository")
            .and().haveSimpleNameNotEndingWith("Configuration")
            .and().haveSimpleNameNotEndingWith("Application")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.grpc..");
}
