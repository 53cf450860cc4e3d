package org.chorus.gateway.transcoding;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PathTemplateTest {

    @Test
    void literalTemplateMatchesOnlyItsOwnPath() {
        PathTemplate template = PathTemplate.parse("/v1/commissions");

        assertThat(template.match("/v1/commissions")).contains(Map.of());
        assertThat(template.match("/v1/commissions/leeds")).isEmpty();
        assertThat(template.match("/v1/commission")).isEmpty();
        assertThat(template.match("/v1/commissions/")).isEmpty();
    }

    @Test
    void variableBindsTheWholeResourceName() {
        PathTemplate template = PathTemplate.parse("/v1/{name=commissions/*}");

        assertThat(template.match("/v1/commissions/leeds")).contains(Map.of("name", "commissions/leeds"));
        assertThat(template.variables()).containsExactly("name");
    }

    @Test
    void singleWildcardMatchesExactlyOneNonEmptySegment() {
        PathTemplate template = PathTemplate.parse("/v1/{name=commissions/*}");

        assertThat(template.match("/v1/commissions/leeds/members")).isEmpty();
        assertThat(template.match("/v1/commissions/")).isEmpty();
        assertThat(template.match("/v1/commissions")).isEmpty();
    }

    @Test
    void variableFollowedByLiteralSegmentBindsParent() {
        PathTemplate template = PathTemplate.parse("/v1/{parent=commissions/*}/members");

        assertThat(template.match("/v1/commissions/leeds/members")).contains(Map.of("parent", "commissions/leeds"));
        assertThat(template.match("/v1/commissions/leeds/claims")).isEmpty();
    }

    @Test
    void customVerbMustBePresentAndIsNotPartOfTheName() {
        PathTemplate template = PathTemplate.parse("/v1/{name=commissions/*/claims/*}:approve");

        assertThat(template.verb()).isEqualTo("approve");
        assertThat(template.match("/v1/commissions/leeds/claims/c-1:approve"))
                .contains(Map.of("name", "commissions/leeds/claims/c-1"));
        assertThat(template.match("/v1/commissions/leeds/claims/c-1")).isEmpty();
        assertThat(template.match("/v1/commissions/leeds/claims/c-1:withdraw")).isEmpty();
    }

    @Test
    void doubleWildcardTakesTheRestOfThePath() {
        PathTemplate template = PathTemplate.parse("/v1/{name=files/**}");

        assertThat(template.match("/v1/files/a/b/c")).contains(Map.of("name", "files/a/b/c"));
        assertThat(template.match("/v1/files/a")).contains(Map.of("name", "files/a"));
        assertThat(template.match("/v1/files/a//c")).isEmpty();
    }

    @Test
    void nestedFieldPathsAndSeveralVariablesBindSeparately() {
        PathTemplate template = PathTemplate.parse("/v1/{claim.name=commissions/*/claims/*}/notes/{note_id}");

        assertThat(template.match("/v1/commissions/leeds/claims/c-1/notes/n-9"))
                .contains(Map.of("claim.name", "commissions/leeds/claims/c-1", "note_id", "n-9"));
        assertThat(template.variables()).containsExactly("claim.name", "note_id");
    }

    @Test
    void singleSegmentVariableIsPercentDecodedButSeveralKeepEncodedSlashes() {
        assertThat(PathTemplate.parse("/v1/people/{person_id}").match("/v1/people/ann%20lee"))
                .contains(Map.of("person_id", "ann lee"));
        assertThat(PathTemplate.parse("/v1/{name=commissions/*}").match("/v1/commissions/a%2Fb"))
                .contains(Map.of("name", "commissions/a%2Fb"));
    }

    @Test
    void literalCountRanksMoreSpecificTemplatesHigher() {
        assertThat(PathTemplate.parse("/v1/{name=commissions/*/claims/*}:approve").literalCount())
                .isGreaterThan(PathTemplate.parse("/v1/{name=commissions/*/claims/*}").literalCount());
    }

    @Test
    void templatesThatBreakTheGrammarAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("v1/commissions"));
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/v1/{name=commissions/*"));
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/v1/{name=files/**}/more"));
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/v1/com*"));
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/v1//commissions"));
    }

    @Test
    void theIdsOfAResourceNameAreWhatItsSingleWildcardsTook() {
        PathTemplate template = PathTemplate.parse("/v1/{name=commissions/*/sessions/*/attendance/*}:record");

        assertThat(template.wildcardValues("name", "commissions/leeds/sessions/42/attendance/sam")).containsExactly("leeds", "42", "sam");
        assertThat(PathTemplate.parse("/v1/{parent=commissions/*}/phaseTransitions").wildcardValues("parent", "commissions/leeds"))
                .containsExactly("leeds");
        assertThat(PathTemplate.parse("/v1/{name=commissions/*/scopeStatement}").wildcardValues("name", "commissions/leeds/scopeStatement"))
                .as("literal segments are not ids").containsExactly("leeds");
    }
}
