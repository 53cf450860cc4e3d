package org.chorus.commissions.phase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class PhaseCommandsTest {

    @Test
    void aMoveNeedsAPhaseAndAReasonOfAtMost2000Characters() {
        assertThatThrownBy(() -> PhaseMove.of("", " ", null, "not-a-uuid"))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("phase", "reason", "request_id"));
        assertThatThrownBy(() -> PhaseMove.of("Exploration", "x".repeat(2001), null, null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> assertThat(v.description()).contains("2000 characters or fewer")));
        assertThat(PhaseMove.of(" Exploration ", " We are ready. ", "", "").reason()).isEqualTo("We are ready.");
    }

    @Test
    void aRetryHasTheSameFingerprintAndAnotherReasonDoesNot() {
        PhaseMove first = PhaseMove.of("Exploration", "We are ready.", null, null);

        assertThat(PhaseMove.of("exploration", "We are ready.", "\"3\"", null).fingerprint()).isEqualTo(first.fingerprint());
        assertThat(PhaseMove.of("Exploration", "We are not ready.", null, null).fingerprint()).isNotEqualTo(first.fingerprint());
    }

    @Test
    void phasesNeedTwoToTwelveDistinctNames() {
        assertThatThrownBy(() -> PhaseList.of(List.of(new Phase("Listen", ""))))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("phase_model.phases"));
        assertThatThrownBy(() -> PhaseList.of(List.of(new Phase("Listen", ""), new Phase(" listen", ""), new Phase("", ""))))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("phase_model.phases[1].display_name", "phase_model.phases[2].display_name"));
    }
}
