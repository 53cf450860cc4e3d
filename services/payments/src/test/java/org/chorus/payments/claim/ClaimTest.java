package org.chorus.payments.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a member reads about a claim that was cancelled, withdrawn or corrected after it was paid. */
class ClaimTest {

    static final LocalDate MARCH_3 = LocalDate.of(2027, 3, 3);

    @Test
    void aCancelledClaimSaysWhyInTheWordsFinanceGave() {
        Claim cancelled = approved().cancelled(Claim.State.REVERSED, "This was claimed twice for the same meeting.", null);

        assertThat(cancelled.stateReason()).isEqualTo("This payment was cancelled: This was claimed twice for the same meeting.");
        assertThat(cancelled.version()).as("a change of its own").isEqualTo(approved().version() + 1);
        assertThat(cancelled.payment()).as("what its approval owed is kept for the record").isEqualTo(approved().payment());
    }

    @Test
    void aClaimWithdrawnByACorrectionSaysSoAndOneWithdrawnBeforeSaysWithdrawn() {
        assertThat(submitted().cancelled(Claim.State.WITHDRAWN, "The attendance for this session was corrected.", null).stateReason())
                .isEqualTo("Withdrawn: The attendance for this session was corrected.");
        assertThat(submitted().next(Claim.State.WITHDRAWN, "BANK_TRANSFER", null, List.of(), Claim.Payment.NONE).stateReason())
                .isEqualTo("Withdrawn.");
    }

    @Test
    void onlyWithdrawingAndCancellingAreCancellations() {
        assertThatThrownBy(() -> approved().cancelled(Claim.State.REJECTED, "No.", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPaidClaimWhoseAttendanceChangedTellsTheMemberNothingIsTakenBackWithoutThem() {
        Claim paid = approved().settled(Claim.State.PAID, new Claim.Payment(4035L, 4035, MARCH_3, null));

        Claim toCheck = paid.seen(new Claim.AttendanceSeen(180, 7L, "The attendance was corrected after this claim was paid."));

        assertThat(toCheck.stateReason()).isEqualTo("Paid on 3 March 2027 by bank transfer. The attendance for this session was changed "
                + "after this was paid. The finance team will look at it, and nothing is taken back without talking to you first.");
        assertThat(toCheck.attendance().applied(7)).isTrue();
        assertThat(toCheck.attendance().applied(8)).isFalse();
    }

    @Test
    void aRepricedClaimKeepsTheRateItWasMadeAt() {
        Claim repriced = submitted().repriced(90, Claim.pay(90, 1345), new Claim.AttendanceSeen(90, 4L, null));

        assertThat(repriced.minutes()).isEqualTo(90);
        assertThat(repriced.amountPence()).as("an hour and a half at £13.45, to the nearest penny").isEqualTo(2018);
        assertThat(repriced.hourlyRatePence()).isEqualTo(1345);
        assertThat(repriced.attendance().applied(4)).isTrue();
    }

    private static Claim submitted() {
        return new Claim(UUID.randomUUID(), "leeds", "rosa", Claim.Kind.TIME, "Time at a session", 180,
                MARCH_3, null, 4035, 1345L, 1, "BANK_TRANSFER", Claim.State.SUBMITTED, List.of(), null, "dev",
                Instant.parse("2027-03-03T18:00:00Z"), 1, "commissions/leeds/sessions/s-1", Claim.Payment.NONE, List.of(), null,
                new Claim.AttendanceSeen(180, 1L, null));
    }

    private static Claim approved() {
        Claim claim = submitted();
        return claim.next(Claim.State.APPROVED, claim.paymentMethod(), null, List.of(new Claim.Approval("fin", Instant.EPOCH),
                new Claim.Approval("amara", Instant.EPOCH)), new Claim.Payment(4035L, 0, null, null));
    }
}
