package org.chorus.platform.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;

/**
 * The architecture every Chorus module keeps, stated once. A module runs all of it with
 * <pre>
 * &#64;AnalyzeClasses(packages = "org.chorus.payments", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     &#64;ArchTest
 *     static final ArchTests chorus = ArchTests.in(ChorusArchitecture.class);
 * }
 * </pre>
 * Inside a feature package (hexagonal, by the classes' names): the inbound adapters ({@code *GrpcService},
 * {@code *Reconciler}, driven by the clock) and outbound ones ({@code *GrpcClient}, {@code Jdbc*}, {@code Keycloak*}) use the
 * application ({@code *Service}), which uses the domain (everything else: records, commands and the ports
 * the adapters implement); nothing uses an adapter but Spring's wiring. Generated contract types
 * ({@code org.chorus.*.v1}) stop at the adapters, except the event payloads an application service
 * publishes (the feed's published language); the domain knows neither gRPC nor Spring. And the
 * {@link ModuleBoundaries}, which the gateway keeps as well. A module without classes of some kind
 * (a new service) passes the rules about them.
 */
public final class ChorusArchitecture {

    private static final String GENERATED = "org.chorus..v1..";

    private static final DescribedPredicate<JavaClass> INBOUND_ADAPTER = named("an inbound adapter (a call, or the clock)", ".*GrpcService|.*Reconciler");
    private static final DescribedPredicate<JavaClass> OUTBOUND_ADAPTER = named("an outbound adapter", "(Jdbc|Keycloak).*|.*GrpcClient");
    private static final DescribedPredicate<JavaClass> APPLICATION = named("an application service", "(?!.*Grpc).*Service");
    private static final DescribedPredicate<JavaClass> WIRING = named("wiring",
            ".*(Application|Configuration|AutoConfiguration|Properties)");
    private static final DescribedPredicate<JavaClass> DOMAIN = not(resideInAPackage(GENERATED))
            .and(not(INBOUND_ADAPTER)).and(not(OUTBOUND_ADAPTER)).and(not(APPLICATION)).and(not(WIRING))
            .as("the domain");

    private ChorusArchitecture() {
    }

    @ArchTest
    static final ArchRule layersPointInward = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Inbound adapters").definedBy(not(resideInAPackage(GENERATED)).and(INBOUND_ADAPTER))
            .layer("Outbound adapters").definedBy(not(resideInAPackage(GENERATED)).and(OUTBOUND_ADAPTER))
            .layer("Application").definedBy(not(resideInAPackage(GENERATED)).and(APPLICATION))
            .layer("Domain").definedBy(DOMAIN)
            .whereLayer("Inbound adapters").mayNotBeAccessedByAnyLayer()
            .whereLayer("Outbound adapters").mayNotBeAccessedByAnyLayer()
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Inbound adapters", "Outbound adapters")
            .as("adapters → application → domain ← persistence: nothing but Spring's wiring uses an adapter, "
                    + "and the domain uses neither the application nor an adapter")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule theDomainIsPlainJava = noClasses()
            .that(DOMAIN.and(not(anonymous())))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.grpc..", "com.google.protobuf..",
                    "com.google.type..", GENERATED)
            .as("the domain is plain Java: no Spring, no gRPC, no generated contract types")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule grpcStaysInTheAdapters = noClasses()
            .that(not(resideInAPackage(GENERATED)).and(APPLICATION))
            .should().dependOnClassesThat().resideInAnyPackage("io.grpc..")
            .as("application services do not speak gRPC; the adapters do")
            .allowEmptyShould(true);

    /** What the gateway keeps too. */
    @ArchTest
    static final ArchTests moduleBoundaries = ArchTests.in(ModuleBoundaries.class);

    private static DescribedPredicate<JavaClass> named(String description, String simpleNameRegex) {
        Pattern pattern = Pattern.compile(simpleNameRegex);
        return DescribedPredicate.describe(description, c -> pattern.matcher(topLevel(c).getSimpleName()).matches());
    }

    private static DescribedPredicate<JavaClass> anonymous() {
        return DescribedPredicate.describe("anonymous", JavaClass::isAnonymousClass);
    }

    /** A nested or anonymous class is judged with the class it is written in. */
    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
