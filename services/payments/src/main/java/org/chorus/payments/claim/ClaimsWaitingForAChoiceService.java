package org.chorus.payments.claim;

import java.time.Instant;
import org.chorus.payments.benefits.ChoiceFollower;
import org.chorus.payments.benefits.MemberKey;
import org.chorus.payments.guidance.PaymentMethod;
import org.chorus.platform.events.EventOutbox;
import org.springframework.stereotype.Service;

/**
 * A member's claims made before they said how they want to be paid: once they say, each is submitted with that method and
 * waits for its two approvals, with a {@code claim.submitted} event, in the transaction that records the choice.
 */
@Service
class ClaimsWaitingForAChoiceService implements ChoiceFollower {

    private final ClaimRepository claims;
    private final EventOutbox outbox;

    ClaimsWaitingForAChoiceService(ClaimRepository claims, EventOutbox outbox) {
        this.claims = claims;
        this.outbox = outbox;
    }

    @Override
    public void chosen(MemberKey member, PaymentMethod method, String actor, Instant time) {
        for (Claim waiting : claims.waitingForAChoice(member.memberId())) {
            Claim submitted = waiting.chosen(method.name());
            if (!claims.update(submitted)) {
                throw new IllegalStateException("A claim locked by this transaction changed under it: " + waiting.id());
            }
            outbox.append(ClaimService.changedEvent(ClaimService.SUBMITTED, submitted, actor, time));
        }
    }
}
