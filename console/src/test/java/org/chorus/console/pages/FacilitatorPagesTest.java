package org.chorus.console.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.chorus.commissions.v1.DecideFocusIssueRequest;
import org.chorus.commissions.v1.Experiment;
import org.chorus.commissions.v1.Invitation;
import org.chorus.commissions.v1.Session;
import org.chorus.console.config.ConsoleProperties;
import org.chorus.console.platform.FormErrors;
import org.chorus.membership.v1.Consent;
import org.chorus.membership.v1.ConsentPurpose;
import org.chorus.membership.v1.ConsentPurposeWording;
import org.chorus.membership.v1.Member;
import org.chorus.payments.v1.PaymentChoice;
import org.chorus.payments.v1.PaymentMethod;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The pure parts of the facilitator's pages: what a form may send back, the steps a test of change takes, the warning's times. */
class FacilitatorPagesTest {

    @Test
    void aChoiceIsTakenOnlyWhenItIsARealValueOfTheContract() {
        assertThat(FormChoices.of(Member.Kind.class, "EXPERT_BY_EXPERIENCE")).contains(Member.Kind.EXPERT_BY_EXPERIENCE);
        assertThat(FormChoices.of(Member.Credit.class, "CHOSEN_NAME")).contains(Member.Credit.CHOSEN_NAME);
        assertThat(FormChoices.of(DecideFocusIssueRequest.Outcome.class, "SET_ASIDE")).contains(DecideFocusIssueRequest.Outcome.SET_ASIDE);
        assertThat(FormChoices.of(Member.Kind.class, "KIND_UNSPECIFIED")).isEmpty();
        assertThat(FormChoices.of(DecideFocusIssueRequest.Outcome.class, "OUTCOME_UNSPECIFIED")).isEmpty();
        assertThat(FormChoices.of(Member.Kind.class, "UNRECOGNIZED")).isEmpty();
        assertThat(FormChoices.of(Member.Kind.class, "expert_by_experience")).isEmpty();
        assertThat(FormChoices.of(Member.Kind.class, null)).isEmpty();
    }

    @Test
    void aTestOfChangeMovesOneStepAtATimeAndThenIsKeptOrStopped() {
        assertThat(ExperimentsController.next(Experiment.Status.PLANNED)).containsExactly(Experiment.Status.RUNNING);
        assertThat(ExperimentsController.next(Experiment.Status.RUNNING)).containsExactly(Experiment.Status.LEARNING_RECORDED);
        assertThat(ExperimentsController.next(Experiment.Status.LEARNING_RECORDED))
                .containsExactly(Experiment.Status.EMBEDDED, Experiment.Status.STOPPED);
        assertThat(ExperimentsController.next(Experiment.Status.EMBEDDED)).isEmpty();
        assertThat(ExperimentsController.next(Experiment.Status.STOPPED)).isEmpty();
        assertThat(ExperimentsController.next(Experiment.Status.STATUS_UNSPECIFIED)).isEmpty();
    }

    @Test
    void onlyIdsAsTheContractWritesThemGoIntoAResourceName() {
        assertThat(Names.isId("3f1c9a2e-77aa-4c1e-9d2b-0a1b2c3d4e5f")).isTrue();
        assertThat(Names.isId("ex-5d21c0aa")).isTrue();
        assertThat(Names.isId("../sessions/s-1")).isFalse();
        assertThat(Names.isId("a/b")).isFalse();
        assertThat(Names.isId("")).isFalse();
        assertThat(Names.isId(null)).isFalse();
        assertThat(Names.isId("a".repeat(65))).isFalse();
        assertThat(Names.invitation("leeds", "s-1", "m-2")).isEqualTo("commissions/leeds/sessions/s-1/invitations/m-2");
        assertThat(Names.focusIssue("leeds", "fi-1")).isEqualTo("commissions/leeds/focusIssues/fi-1");
        assertThat(Names.experiment("leeds", "ex-1")).isEqualTo("commissions/leeds/experiments/ex-1");
    }

    @Test
    void aReplyIsOneOfTheThreeAPersonCanGive() {
        assertThat(SessionPage.reply("COMING")).isEqualTo(Invitation.Reply.COMING);
        assertThat(SessionPage.reply("NOT_COMING")).isEqualTo(Invitation.Reply.NOT_COMING);
        assertThat(SessionPage.reply("NOT_SURE_YET")).isEqualTo(Invitation.Reply.NOT_SURE_YET);
        assertThat(SessionPage.reply("NO_REPLY_YET")).isEqualTo(Invitation.Reply.REPLY_UNSPECIFIED);
        assertThat(SessionPage.reply(null)).isEqualTo(Invitation.Reply.REPLY_UNSPECIFIED);
    }

    @Test
    void invitationsChangeOnlyUntilTheSessionEndsAndNeverOnceCancelled() {
        long now = Instant.now().getEpochSecond();
        Session coming = Session.newBuilder().setState(Session.State.SCHEDULED)
                .setEndTime(Timestamp.newBuilder().setSeconds(now + 3600)).build();
        assertThat(SessionPage.open(coming)).isTrue();
        assertThat(SessionPage.open(coming.toBuilder().setEndTime(Timestamp.newBuilder().setSeconds(now - 60)).build())).isFalse();
        assertThat(SessionPage.open(coming.toBuilder().setState(Session.State.CANCELLED).build())).isFalse();
    }

    @Test
    void someoneWhoLeftOrWasErasedIsNotOfferedForTheRegisterOrAnInvitation() {
        assertThat(SessionPage.takingPart(Member.newBuilder().setState(Member.State.ACTIVE).build())).isTrue();
        assertThat(SessionPage.takingPart(Member.newBuilder().setState(Member.State.PAUSED).build())).isTrue();
        assertThat(SessionPage.takingPart(Member.newBuilder().setState(Member.State.LEFT).build())).isFalse();
        assertThat(SessionPage.takingPart(Member.newBuilder().setState(Member.State.ERASED).build())).isFalse();
    }

    @Test
    void eachConsentAnswerSaysWhetherSomeoneElseGaveItAndATypedAnswerIsKept() {
        List<ConsentPurposeWording> purposes = List.of(wording(ConsentPurpose.NAMED_IN_REPORTS), wording(ConsentPurpose.PHOTOGRAPHS));
        Timestamp when = Timestamp.newBuilder().setSeconds(1_770_000_000).build();
        List<Consent> answers = List.of(Consent.newBuilder().setPurpose(ConsentPurpose.NAMED_IN_REPORTS).setGiven(true)
                .setOnBehalf(true).setRecordTime(when).build());

        List<ConsentForm.PurposeRow> rows = ConsentForm.rows(purposes, answers);
        assertThat(rows.get(0).onBehalf()).isTrue();
        assertThat(rows.get(0).answeredAt()).isEqualTo(when);
        assertThat(rows.get(1).given()).isNull();

        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        typed.add("answer-NAMED_IN_REPORTS", "no");
        typed.add("answer-PHOTOGRAPHS", "maybe");
        List<ConsentForm.PurposeRow> shown = ConsentForm.asTyped(rows, typed);
        assertThat(shown).extracting(ConsentForm.PurposeRow::given).containsExactly(false, null);
    }

    @Test
    void aChoiceNeedsAWayAndTheLowerAmountWhenThatIsTheWay() {
        assertThat(choice(null, null).errors(key -> key, "missing").getSummary()).extracting(FormErrors.Entry::field).containsExactly("method");
        assertThat(choice("LOWER_AMOUNT", "").errors(key -> key, "missing").getSummary()).extracting(FormErrors.Entry::field)
                .containsExactly("lowerAmount");
        assertThat(choice("VOUCHERS", null).errors(key -> key, "missing").isEmpty()).isTrue();

        Guidance.ChoiceForm lower = choice("LOWER_AMOUNT", "12.50");
        PaymentChoice made = lower.choice(lower.tried().orElseThrow());
        assertThat(made.getMethod()).isEqualTo(PaymentMethod.LOWER_AMOUNT);
        assertThat(made.getLowerAmount().getUnits()).isEqualTo(12);
        assertThat(made.getPlan().getPayments(0).getAmount().getUnits()).isEqualTo(40);
        assertThat(made.getRulesVersionsList()).containsExactly("2025-26.1");
        assertThat(made.getGuidanceFingerprint()).isEqualTo("sha256:abc");
    }

    @Test
    void aChoiceFormThatThisConsoleDidNotDrawStartsAgain() {
        assertThat(new Guidance.ChoiceForm("forty", "2026-03-14", "VOUCHERS", null, List.of(), "", false, "").tried()).isEmpty();
        assertThat(new Guidance.ChoiceForm("4000", "yesterday", "VOUCHERS", null, List.of(), "", false, "").tried()).isEmpty();
        assertThat(new Guidance.ChoiceForm(null, null, "VOUCHERS", null, null, null, null, null).tried()).isEmpty();
    }

    @Test
    void theWarningComesBeforeTheGatewaySignsSomeoneOut() {
        ConsoleProperties.Idle idle = new ConsoleProperties.Idle(Duration.ofMinutes(30), Duration.ofMinutes(25));
        assertThat(idle.warnMinutes()).isEqualTo(25);
        assertThat(idle.signOutMinutes()).isEqualTo(30);
        assertThat(idle.minutesLeft()).isEqualTo(5);
        assertThatThrownBy(() -> new ConsoleProperties.Idle(Duration.ofMinutes(30), Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsoleProperties.Idle(Duration.ofMinutes(30), Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Guidance.ChoiceForm choice(String method, String lowerAmount) {
        return new Guidance.ChoiceForm("4000", LocalDate.of(2026, 3, 14).toString(), method, lowerAmount, List.of("2025-26.1"),
                "sha256:abc", false, "");
    }

    private static ConsentPurposeWording wording(ConsentPurpose purpose) {
        return ConsentPurposeWording.newBuilder().setPurpose(purpose).setVersion(1).setTitle("Title").setWording("Words").build();
    }
}
