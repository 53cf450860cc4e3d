package org.chorus.commissions.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class FocusIssueTest {

    static final Instant PROPOSED_AT = Instant.parse("2026-02-01T10:00:00Z");
    static final Instant DECIDED_AT = Instant.parse("2026-02-15T12:00:00Z");

    static FocusIssue proposed() {
        return FocusIssue.propose("fi-1", FocusIssueProposal.of(" Respect at the job centre ", null), "sam", PROPOSED_AT);
    }

    @Test
    void aProposedIssueHasNoDecisionYet() {
        FocusIssue issue = proposed();

        assertThat(issue.title()).isEqualTo("Respect at the job centre");
        assertThat(issue.state()).isEqualTo(FocusIssue.State.PROPOSED);
        assertThat(issue.proposedBy()).isEqualTo("sam");
        assertThat(issue.howDecided()).isEmpty();
        assertThat(issue.decideTime()).isNull();
    }

    @Test
    void theGroupsDecisionIsRecordedWithHowWhoAndWhen() {
        FocusIssue chosen = proposed().decide(FocusIssueDecision.of(FocusIssue.State.CHOSEN,
                " We talked it through over two sessions and everyone agreed. ", null), "dev", DECIDED_AT);

        assertThat(chosen.state()).isEqualTo(FocusIssue.State.CHOSEN);
        assertThat(chosen.howDecided()).isEqualTo("We talked it through over two sessions and everyone agreed.");
        assertThat(chosen.decidedBy()).isEqualTo("dev");
        assertThat(chosen.decideTime()).isEqualTo(DECIDED_AT);
        assertThat(chosen.proposedBy()).isEqualTo("sam");
        assertThat(chosen.version()).isEqualTo(2);
    }

    @Test
    void aDecisionNeedsAnOutcomeAndHowItWasMade() {
        assertThatThrownBy(() -> FocusIssueDecision.of(null, " ", null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("outcome", "how_decided"));
        assertThatThrownBy(() -> FocusIssueDecision.of(FocusIssue.State.PROPOSED, "Vote.", null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("outcome"));
    }

    @Test
    void anIssueIsDecidedOnceAndAStaleEtagIsAborted() {
        FocusIssue issue = proposed();
        FocusIssue setAside = issue.decide(FocusIssueDecision.of(FocusIssue.State.SET_ASIDE, "A show of hands.", issue.etag()), "dev", DECIDED_AT);

        assertThatThrownBy(() -> setAside.decide(FocusIssueDecision.of(FocusIssue.State.CHOSEN, "Changed our minds.", null), "dev", DECIDED_AT))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("ALREADY_DECIDED"));
        assertThatThrownBy(() -> setAside.decide(FocusIssueDecision.of(FocusIssue.State.CHOSEN, "Changed.", issue.etag()), "dev", DECIDED_AT))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.kind()).isEqualTo(ChorusException.Kind.ABORTED));
    }

    @Test
    void anOverLongProposalIsRefusedInPlainWords() {
        assertThatThrownBy(() -> FocusIssueProposal.of("x".repeat(201), "y".repeat(4001)))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field)
                            .containsExactly("focus_issue.title", "focus_issue.description");
                    assertThat(e.violations().getFirst().description()).isEqualTo("The issue in a few words must be 200 characters or fewer.");
                });
    }
}
