package org.chorus.commissions.groundrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class GroundRulesTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final LocalDate AGREED = LocalDate.parse("2026-11-18");

    @Test
    void theFirstVersionNeedsRulesTheDayAndHowAndEachChangeMakesTheNextVersion() {
        GroundRules first = GroundRules.EMPTY.apply(GroundRulesChange.of(List.of("  Listen first  ", "Be kind"), AGREED,
                " Everyone said yes. ", null), "dev", NOW);
        assertThat(first.revision()).isEqualTo(1);
        assertThat(first.rules()).containsExactly("Listen first", "Be kind");
        assertThat(first.howAgreed()).isEqualTo("Everyone said yes.");
        assertThat(first.etag()).isEqualTo("\"1\"");

        GroundRules second = first.apply(GroundRulesChange.of(null, null, "Everyone at the first session said yes.", "\"1\""), "jo", NOW);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.rules()).isEqualTo(first.rules());
        assertThat(second.agreedOn()).isEqualTo(AGREED);
        assertThat(second.updatedBy()).isEqualTo("jo");
    }

    @Test
    void newRulesWithoutTheDayOrHowTheyWereAgreedAreRefusedWithEveryProblemAtOnce() {
        assertThatThrownBy(() -> GroundRulesChange.of(List.of("Be kind", ""), null, null, null))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
                    assertThat(e.reason()).isEqualTo("INVALID_GROUND_RULES");
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                            "ground_rules.rules[1]", "ground_rules.agreed_on", "ground_rules.how_agreed");
                });
    }

    @Test
    void tooManyOrTooLongRulesNothingToChangeAndAFutureDayAreRefused() {
        assertThatThrownBy(() -> GroundRulesChange.of(Collections.nCopies(51, "Be kind"), AGREED, "Agreed.", null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::description)
                        .containsExactly("There can be at most 50 rules. Perhaps some can be joined together?"));
        assertThatThrownBy(() -> GroundRulesChange.of(List.of("x".repeat(501)), AGREED, "Agreed.", null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("ground_rules.rules[0]"));
        assertThatThrownBy(() -> GroundRulesChange.of(List.of("Be kind"), AGREED, "x".repeat(1001), null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("ground_rules.how_agreed"));
        assertThatThrownBy(() -> GroundRulesChange.of(null, null, null, null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("update_mask"));
        GroundRulesChange future = GroundRulesChange.of(List.of("Be kind"), LocalDate.parse("2026-11-23"), "Agreed.", null);
        assertThatThrownBy(() -> GroundRules.EMPTY.apply(future, "dev", NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("The day the group agreed the rules cannot be in the future."));
        assertThatThrownBy(() -> GroundRules.EMPTY.apply(GroundRulesChange.of(null, AGREED, null, null), "dev", NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("ground_rules.rules"));
    }
}
