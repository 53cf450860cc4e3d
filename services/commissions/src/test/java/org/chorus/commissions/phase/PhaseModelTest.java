package org.chorus.commissions.phase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.chorus.commissions.phase.PhaseTransition.Direction;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class PhaseModelTest {

    static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");

    static PhaseModel usualFour(int current) {
        return new PhaseModel(List.of(new Phase("Engagement", ""), new Phase("Exploration", ""),
                new Phase("Experimentation", ""), new Phase("Embedding", "")), current, current > 1, 1, NOW);
    }

    @Test
    void movingToTheNextPhaseIsForward() {
        PhaseModel.Move move = usualFour(1).plan("exploration");

        assertThat(move.from().displayName()).isEqualTo("Engagement");
        assertThat(move.to().displayName()).isEqualTo("Exploration");
        assertThat(move.direction()).isEqualTo(Direction.FORWARD);
        PhaseModel after = usualFour(1).after(move, NOW);
        assertThat(after.current().displayName()).isEqualTo("Exploration");
        assertThat(after.phasesFixed()).isTrue();
        assertThat(after.etag()).isNotEqualTo(usualFour(1).etag());
    }

    @Test
    void goingBackToAnyEarlierPhaseIsBack() {
        assertThat(usualFour(4).plan("Engagement").direction()).isEqualTo(Direction.BACK);
    }

    @Test
    void skippingAPhaseIsRefusedNamingTheNextPhase() {
        assertThatThrownBy(() -> usualFour(1).plan("Experimentation"))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.FAILED_PRECONDITION);
                    assertThat(e.reason()).isEqualTo("PHASE_SKIPPED");
                    assertThat(e.getMessage()).contains("next phase is Exploration");
                });
    }

    @Test
    void movingToTheCurrentPhaseIsRefused() {
        assertThatThrownBy(() -> usualFour(2).plan("Exploration"))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("ALREADY_IN_PHASE"));
    }

    @Test
    void anUnknownPhaseIsInvalidAndListsThePhases() {
        assertThatThrownBy(() -> usualFour(1).plan("Planning"))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("phase");
                    assertThat(e.getMessage()).contains("Engagement, Exploration, Experimentation, Embedding");
                });
    }

    @Test
    void phasesCannotBeChangedOnceTheCommissionHasMoved() {
        PhaseList three = PhaseList.of(List.of(new Phase("Listen", ""), new Phase("Try", ""), new Phase("Keep", "")));

        assertThat(usualFour(1).withPhases(three, NOW).current().displayName()).isEqualTo("Listen");
        assertThatThrownBy(() -> usualFour(2).withPhases(three, NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("PHASES_FIXED"));
    }

    @Test
    void aStaleEtagIsAbortedAndNoEtagIsAccepted() {
        usualFour(1).checkEtag(null);
        usualFour(1).checkEtag("\"1\"");
        assertThatThrownBy(() -> usualFour(1).checkEtag("\"0\""))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.kind()).isEqualTo(ChorusException.Kind.ABORTED));
    }
}
