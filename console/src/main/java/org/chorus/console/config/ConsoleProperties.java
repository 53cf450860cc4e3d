package org.chorus.console.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the console reaches the platform, and what the sign-in page offers.
 *
 * @param platform      the gateway's gRPC door, {@code host:port}, plaintext (the console and the gateway
 *                      share a private network; the browser never talks gRPC)
 * @param deadline      the longest one call to the platform may take before the page says "busy"
 * @param organisations the member organisations that sign in through their own account, as the realm
 *                      names them ({@code infra/keycloak/chorus-realm.json})
 */
@ConfigurationProperties("chorus.console")
public record ConsoleProperties(@DefaultValue("127.0.0.1:8090") String platform,
                                @DefaultValue("5s") Duration deadline,
                                List<Organisation> organisations) {

    public ConsoleProperties {
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
    }

    /** A member organisation: its alias in Keycloak and the name people know it by. */
    public record Organisation(String alias, String name) {
    }
}
