package org.chorus.membership;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Reads access tokens' claims in tests (the tokens come straight from Keycloak, so they are not checked). */
public final class TokenClaims {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TokenClaims() {
    }

    /** The claims of a JWT, read without checking it (the token comes straight from Keycloak). */
    public static Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = JSON.readValue(payload, Map.class);
        return claims;
    }

    /** The token's {@code groups} claim (empty when absent). */
    @SuppressWarnings("unchecked")
    public static List<String> groups(String jwt) {
        Object groups = claims(jwt).get("groups");
        return groups == null ? List.of() : (List<String>) groups;
    }

}
