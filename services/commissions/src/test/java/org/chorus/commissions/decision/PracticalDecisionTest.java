package org.chorus.commissions.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.chorus.commissions.decision.PracticalDecision.Topic;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class PracticalDecisionTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final LocalDate AGREED = LocalDate.parse("2026-11-18");

    @Test
    void aDecisionIsRecordedAndChangedKeepingWhoFirstRecordedIt() {
        PracticalDecision first = PracticalDecision.record("pd-1", PracticalDecisionFields.toCreate(Topic.LONE_WORKING,
                " Visits in pairs ", "Nobody visits on their own.", "The whole group", AGREED), "dev", NOW);
        assertThat(first.title()).isEqualTo("Visits in pairs");
        assertThat(first.version()).isEqualTo(1);

        PracticalDecision changed = first.change(PracticalDecisionFields.toChange(null, false, null,
                "Nobody visits on their own, and we text when home.", null, null, false), "\"1\"", "jo", NOW.plusSeconds(60));
        assertThat(changed.decision()).isEqualTo("Nobody visits on their own, and we text when home.");
        assertThat(changed.topic()).isEqualTo(Topic.LONE_WORKING);
        assertThat(changed.createdBy()).isEqualTo("dev");
        assertThat(changed.updatedBy()).isEqualTo("jo");
        assertThat(changed.etag()).isEqualTo("\"2\"");

        assertThatThrownBy(() -> changed.change(PracticalDecisionFields.toChange(Topic.RISK, true, null, null, null, null, false),
                "\"1\"", "dev", NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("STALE_ETAG"));
    }

    @Test
    void missingOverLongAndFutureValuesAreRefused() {
        assertThatThrownBy(() -> PracticalDecisionFields.toCreate(null, "", "d".repeat(4001), "a".repeat(501), null))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.reason()).isEqualTo("INVALID_PRACTICAL_DECISION");
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("practical_decision.topic",
                            "practical_decision.title", "practical_decision.decision", "practical_decision.agreed_by",
                            "practical_decision.agreed_on");
                });
        assertThatThrownBy(() -> PracticalDecisionFields.toChange(null, false, null, null, null, null, false))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("update_mask"));
        PracticalDecisionFields future = PracticalDecisionFields.toCreate(Topic.ETHICS, "Stories", "Stories are shared only with consent.",
                "The group", LocalDate.parse("2026-12-01"));
        assertThatThrownBy(() -> PracticalDecision.record("pd-2", future, "dev", NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("practical_decision.agreed_on"));
    }
}
