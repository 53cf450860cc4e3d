package org.chorus.launcher;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@link RealmChanges} reads a realm file and compares it with what Keycloak answers (the real server: RealmChangesTest). */
class RealmChangesFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void placeholdersAreFilledAsKeycloakFillsThem() {
        JsonNode filled = JSON.readTree(RealmChanges.filled("""
                {"a": "${SECRET}", "b": "${MISSING:fallback}", "d": "${profileScopeConsentText}",
                 "e": "${QUOTED}"}""", Map.of("SECRET", "s3cret", "QUOTED", "say \"hi\"")));

        assertThat(filled.path("a").asString()).isEqualTo("s3cret");
        assertThat(filled.path("b").asString()).isEqualTo("fallback");
        assertThat(filled.path("d").asString()).isEqualTo("${profileScopeConsentText}");
        assertThat(filled.path("e").asString()).isEqualTo("say \"hi\"");
    }

    @Test
    void aVariableTheFileNeedsAndTheEnvironmentHasNotGotStopsIt() {
        assertThatThrownBy(() -> RealmChanges.filled("""
                {"a": "${CHORUS_PUBLIC_URL}/x", "b": "${SECRET_B}", "c": "${CHORUS_PUBLIC_URL}"}""", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The realm file takes CHORUS_PUBLIC_URL, SECRET_B from the environment: set them first (see .env.example)");
    }

    @Test
    void onlyWhatTheFileSaysCountsAsADifference() {
        JsonNode now = JSON.readTree("""
                {"clientId": "x", "enabled": true, "redirectUris": ["b", "a"], "attributes": {"pkce": "S256", "added": "1"},
                 "notBefore": 0}""");

        assertThat(RealmChanges.differs(JSON.readTree("""
                {"clientId": "x", "redirectUris": ["a", "b"], "attributes": {"pkce": "S256"}}"""), now))
                .as("lists of values in any order, attributes Keycloak added, fields the file leaves out").isFalse();
        assertThat(RealmChanges.differs(JSON.readTree("""
                {"enabled": "true", "notBefore": 0}"""), now)).as("a setting written as text or as a value").isFalse();
        assertThat(RealmChanges.differs(JSON.readTree("""
                {"redirectUris": ["a"]}"""), now)).as("an address fewer").isTrue();
        assertThat(RealmChanges.differs(JSON.readTree("""
                {"attributes": {"pkce": "plain"}}"""), now)).as("an attribute changed").isTrue();
        assertThat(RealmChanges.differs(JSON.readTree("""
                {"description": "new"}"""), now)).as("a field Keycloak has not got").isTrue();
    }
}
