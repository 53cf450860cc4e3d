package org.chorus.platform.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Each shared rule, run over a fixture that breaks it, reports the break (so green in a module means something). */
class RulesCatchMistakesTest {

    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("org.chorus.payments.archfixture",
            "org.chorus.payments.archcycle", "org.chorus.commissions.archfixture");

    @Test
    void aDomainClassUsingAnAdapterBreaksTheLayers() {
        assertThat(failures(ChorusArchitecture.layersPointInward)).contains("Claim").contains("ClaimGrpcService");
    }

    @Test
    void aDomainClassUsingSpringIsNotPlainJava() {
        assertThat(failures(ChorusArchitecture.theDomainIsPlainJava)).contains("org.springframework.util.StringUtils");
    }

    @Test
    void usingAnotherServicesCodeIsReported() {
        assertThat(failures(ModuleBoundaries.noServiceUsesAnothersCode)).contains("CommissionsThing");
    }

    @Test
    void aPackageCycleIsReported() {
        assertThat(failures(ModuleBoundaries.noPackageCycles)).contains("Cycle detected").contains("archcycle");
    }

    private static String failures(ArchRule rule) {
        return rule.evaluate(FIXTURE).getFailureReport().toString();
    }
}
