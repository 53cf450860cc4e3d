package org.chorus.membership;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.chorus.platform.architecture.ChorusArchitecture;

/** The architecture every Chorus module keeps ({@link ChorusArchitecture}), and Keycloak's admin client stays in the Keycloak adapters. */
@AnalyzeClasses(packages = "org.chorus.membership", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests chorus = ArchTests.in(ChorusArchitecture.class);

    @ArchTest
    static final ArchRule keycloaksAdminClientStaysInTheKeycloakAdapters = noClasses()
            .that().haveSimpleNameNotStartingWith("Keycloak")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "jakarta.ws.rs..", "org.jboss.resteasy..");
}
