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
 * @param idle          when the gateway signs someone out who does nothing, and when the page warns them first
 */
@ConfigurationProperties("chorus.console")
public record ConsoleProperties(@DefaultValue("127.0.0.1:8090") String platform,
                                @DefaultValue("5s") Duration deadline,
                                List<Organisation> organisations,
                                @DefaultValue Idle idle) {

    public ConsoleProperties {
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
    }

    /** A member organisation: its alias in Keycloak and the name people know it by. */
    public record Organisation(String alias, String name) {
    }

    /**
     * Signing out after a time without activity. The gateway keeps the session and ends it
     * ({@code server.reactive.session.timeout} there); {@code signOutAfter} says the same time here, for the words
     * on every page. The warning comes {@code warnAfter} a page was loaded, while there is still time to stay.
     *
     * @param signOutAfter the gateway's session timeout, whole minutes
     * @param warnAfter    when the page's warning shows, whole minutes, before {@code signOutAfter}
     */
    public record Idle(@DefaultValue("30m") Duration signOutAfter, @DefaultValue("25m") Duration warnAfter) {

        public Idle {
            if (warnAfter.compareTo(signOutAfter) >= 0 || warnAfter.toMinutes() < 1) {
                throw new IllegalArgumentException("chorus.console.idle.warn-after must be at least a minute, and before sign-out-after");
            }
        }

        public long signOutMinutes() {
            return signOutAfter.toMinutes();
        }

        public long warnMinutes() {
            return warnAfter.toMinutes();
        }

        /** How long someone has left when the warning shows. */
        public long minutesLeft() {
            return signOutMinutes() - warnMinutes();
        }
    }
}
