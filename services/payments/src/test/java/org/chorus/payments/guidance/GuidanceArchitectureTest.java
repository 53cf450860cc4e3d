package org.chorus.payments.guidance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The guidance domain is plain Java: no Spring, no gRPC or proto types; JSON and PDF each in one class. */
@AnalyzeClasses(packages = "org.chorus.payments.guidance", importOptions = ImportOption.DoNotIncludeTests.class)
class GuidanceArchitectureTest {

    @ArchTest
    static final ArchRule noSpringNoGrpcNoProto = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.grpc..",
                    "com.google.protobuf..", "org.chorus.payments.v1..", "chorus..");

    @ArchTest
    static final ArchRule jsonOnlyInTheRulesLoader = noClasses()
            .that().haveNameNotMatching(".*\\.BenefitRulesLoader(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml..");

    @ArchTest
    static final ArchRule pdfOnlyInTheLetterRenderer = noClasses()
            .that().haveNameNotMatching(".*\\.AdviserLetterPdf(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..");
}
