package org.chorus.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every Chorus module keeps, the gateway included: no cycles between its packages, and no use
 * of another service's code, only of its contract ({@code org.chorus.<service>.v1}).
 */
public final class ModuleBoundaries {

    /** The modules whose code is theirs alone: another may use their contract ({@code .v1}), never their code. */
    static final Set<String> SERVICES = Set.of("commissions", "membership", "payments", "reporting", "gateway");

    private static final Pattern MODULE = Pattern.compile("org\\.chorus\\.([a-z]+)(\\.([a-z0-9]+))?.*");

    private ModuleBoundaries() {
    }

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.chorus.(*).(*)..")
            .should().beFreeOfCycles()
            .as("no cycles between the feature packages of a module");

    @ArchTest
    static final ArchRule noServiceUsesAnothersCode = classes()
            .should(keepToTheirOwnServicesCode())
            .as("no service or the gateway uses another's code; only its contract (org.chorus.<service>.v1)");

    private static ArchCondition<JavaClass> keepToTheirOwnServicesCode() {
        return new ArchCondition<>("use no other service's code") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = module(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    String other = module(target);
                    Matcher m = MODULE.matcher(target);
                    boolean contract = m.matches() && "v1".equals(m.group(3));
                    if (other != null && SERVICES.contains(other) && !other.equals(own) && !contract) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static String module(String packageName) {
        Matcher m = MODULE.matcher(packageName);
        return m.matches() ? m.group(1) : null;
    }
}
