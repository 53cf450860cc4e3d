package org.chorus.commissions.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.chorus.commissions.experiment.Experiment.Status;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");

    static Experiment planned() {
        return Experiment.plan("ex-1", ExperimentPlan.of("Saturday opening", "More working parents will come.",
                "The advice centre opens 9 to 12 on Saturdays.", "Sam and the centre manager"), "dev", NOW);
    }

    static ExperimentMove to(Status status) {
        return ExperimentMove.of(status, status == Status.LEARNING_RECORDED ? "Twice as many parents came." : null, null);
    }

    @Test
    void anExperimentGoesPlannedRunningLearningRecordedThenEmbedded() {
        Experiment embedded = planned().move(to(Status.RUNNING), NOW).move(to(Status.LEARNING_RECORDED), NOW).move(to(Status.EMBEDDED), NOW);

        assertThat(embedded.status()).isEqualTo(Status.EMBEDDED);
        assertThat(embedded.learning()).isEqualTo("Twice as many parents came.");
        assertThat(embedded.version()).isEqualTo(4);
    }

    @Test
    void aStoppedExperimentKeepsWhatWasLearntAndMovesNoMore() {
        Experiment stopped = planned().move(to(Status.RUNNING), NOW).move(to(Status.LEARNING_RECORDED), NOW).move(to(Status.STOPPED), NOW);

        assertThat(stopped.status()).isEqualTo(Status.STOPPED);
        assertThat(stopped.learning()).isNotEmpty();
        assertThatThrownBy(() -> stopped.move(to(Status.RUNNING), NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_STATUS_MOVE"));
    }

    @Test
    void skippingAheadIsRefusedBecauseLearningComesBeforeTheEnd() {
        assertThatThrownBy(() -> planned().move(to(Status.EMBEDDED), NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).contains("RUNNING");
                });
        assertThatThrownBy(() -> planned().move(to(Status.RUNNING), NOW).move(to(Status.STOPPED), NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.getMessage()).contains("LEARNING_RECORDED"));
    }

    @Test
    void recordingTheLearningNeedsTheWordsAndOtherMovesTakeNone() {
        assertThatThrownBy(() -> ExperimentMove.of(Status.LEARNING_RECORDED, " ", null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("learning"));
        assertThatThrownBy(() -> ExperimentMove.of(Status.RUNNING, "Early thoughts", null)).isInstanceOf(ChorusException.class);
        assertThatThrownBy(() -> ExperimentMove.of(null, null, null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("status"));
    }

    @Test
    void aPlanNeedsEveryPartAndAStaleEtagIsAborted() {
        assertThatThrownBy(() -> ExperimentPlan.of("x".repeat(201), "", "Open on Saturdays", " "))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("experiment.title", "experiment.hypothesis", "experiment.lead"));
        Experiment running = planned().move(to(Status.RUNNING), NOW);
        assertThatThrownBy(() -> running.move(ExperimentMove.of(Status.LEARNING_RECORDED, "Learnt.", planned().etag()), NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.kind()).isEqualTo(ChorusException.Kind.ABORTED));
    }
}
