package org.chorus.platform.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The secrets and keys Chorus ships with for development, in one place, so that production can refuse
 * to start with any of them and say which setting to change.
 */
public final class DevelopmentDefaults {

    /** A setting, the development value that ships in the jars, and how to give it a real one. */
    public record Known(String property, String developmentValue, String setInstead) {
    }

    /** Every development secret or key a Chorus process may read. */
    public static final List<Known> KNOWN = List.of(
            new Known("spring.flyway.password", "postgres",
                    "SPRING_FLYWAY_PASSWORD (the database owner's password), or the file spring.flyway.password in the secrets folder"),
            new Known("spring.datasource.password", "chorus-dev-password",
                    "CHORUS_DATABASE_APPLICATION_PASSWORD (the service's own database login)"),
            new Known("chorus.identity.service-client-secret", "chorus-services-dev-secret",
                    "CHORUS_IDENTITY_SERVICE_CLIENT_SECRET (the chorus-services client's secret in Keycloak)"),
            new Known("chorus.membership.keycloak.client-secret", "chorus-membership-admin-dev-secret",
                    "CHORUS_MEMBERSHIP_KEYCLOAK_CLIENTSECRET (the chorus-membership-admin client's secret in Keycloak)"),
            new Known("chorus.payments.situation-key", "ZGV2LW9ubHktc2l0dWF0aW9uLWtleS0zMi1ieXRlcyE=",
                    "CHORUS_PAYMENTS_SITUATION_KEY (base64 of 32 random bytes: openssl rand -base64 32) and CHORUS_PAYMENTS_SITUATION_KEY_ID"),
            new Known("chorus.personal-data.key", "ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMzJieSE=",
                    "CHORUS_PERSONAL_DATA_KEY (base64 of 32 random bytes: openssl rand -base64 32) and CHORUS_PERSONAL_DATA_KEY_ID"),
            new Known("chorus.gateway.console.client-secret", "chorus-gateway-dev-secret",
                    "CHORUS_GATEWAY_CONSOLE_CLIENTSECRET (the chorus-gateway client's secret in Keycloak)"),
            new Known("chorus.gateway.rate-limits.database.password", "postgres",
                    "CHORUS_GATEWAY_RATELIMITS_DATABASE_PASSWORD (the rate-limit database's password)"));

    /** The profile that refuses development settings: the images' default. */
    public static final String PRODUCTION = "production";

    private DevelopmentDefaults() {
    }

    /**
     * In the {@link #PRODUCTION} profile, refuses to go on while any development secret or key is still set, saying
     * which settings to change, never their values. Each process calls it once its configuration is read.
     *
     * @throws IllegalStateException naming every setting to change
     */
    public static void refuseInProduction(List<String> activeProfiles, Function<String, String> settings) {
        refuseInProduction(activeProfiles, settings, List.of());
    }

    /**
     * As {@link #refuseInProduction(List, Function)}, with more settings the process itself found unfit for production
     * (one line each, saying what to set instead).
     */
    public static void refuseInProduction(List<String> activeProfiles, Function<String, String> settings, List<String> alsoFound) {
        if (!activeProfiles.contains(PRODUCTION)) {
            return;
        }
        List<String> found = new ArrayList<>(stillInUse(settings));
        found.addAll(alsoFound);
        if (!found.isEmpty()) {
            throw new IllegalStateException("Chorus does not start in production with development settings. Change these:\n  - "
                    + String.join("\n  - ", found));
        }
    }

    /**
     * One line for each development value still set, saying what to set instead; empty when none is.
     *
     * @param settings the value of a property, or null when it is not set
     */
    public static List<String> stillInUse(Function<String, String> settings) {
        List<String> found = new ArrayList<>();
        for (Known known : KNOWN) {
            String value = settings.apply(known.property());
            if (value != null && value.strip().equals(known.developmentValue())) {
                found.add(known.property() + " is the development value: set " + known.setInstead() + ".");
            }
        }
        return found;
    }
}
