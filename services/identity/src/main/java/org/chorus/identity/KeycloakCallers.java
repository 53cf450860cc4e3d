package org.chorus.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.contract.ContractRules;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The Keycloak adapter: reads a validated Keycloak access token into a {@link Caller}.
 *
 * <ul>
 *   <li>{@code realm_access.roles}: {@code coordinator}, {@code dashboard} and {@code service} are network roles;</li>
 *   <li>{@code groups} (full paths): {@code /commissions/{commission}/{role}} grants the role in that commission;</li>
 *   <li>{@code organization}: a list of organisation aliases, or a map keyed by alias (Keycloak
 *       Organizations, with the {@code organization} scope); the first is taken.</li>
 * </ul>
 * Anything else in the token is ignored; an unknown role name grants nothing.
 */
public final class KeycloakCallers {

    private static final Pattern COMMISSION_GROUP = Pattern.compile(
            "/commissions/(" + ContractRules.COMMISSION_ID_PATTERN + ")/([a-z]+)");

    private KeycloakCallers() {
    }

    public static Caller from(Jwt jwt) {
        return from(jwt.getSubject(), jwt.getClaims());
    }

    static Caller from(String subject, Map<String, Object> claims) {
        Set<Role> network = EnumSet.noneOf(Role.class);
        if (claims.get("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> roles) {
            for (Object name : roles) {
                Role.fromClaim(String.valueOf(name))
                        .filter(Role::networkWide)
                        .ifPresent(network::add);
            }
        }
        Map<String, Set<Role>> byCommission = new HashMap<>();
        if (claims.get("groups") instanceof Collection<?> groups) {
            for (Object group : groups) {
                Matcher m = COMMISSION_GROUP.matcher(String.valueOf(group));
                if (m.matches()) {
                    Role.fromClaim(m.group(2))
                            .filter(Role::heldInCommission)
                            .ifPresent(role -> byCommission.computeIfAbsent(m.group(1), c -> EnumSet.noneOf(Role.class)).add(role));
                }
            }
        }
        return new Caller(subject, organisation(claims.get("organization")), network, byCommission);
    }

    private static Optional<String> organisation(Object claim) {
        if (claim instanceof List<?> aliases && !aliases.isEmpty()) {
            return Optional.of(String.valueOf(aliases.getFirst()));
        }
        if (claim instanceof Map<?, ?> byAlias && !byAlias.isEmpty()) {
            return Optional.of(String.valueOf(byAlias.keySet().iterator().next()));
        }
        return Optional.empty();
    }
}
