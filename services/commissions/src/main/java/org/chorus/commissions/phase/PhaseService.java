package org.chorus.commissions.phase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.chorus.commissions.registry.CommissionWriteService;
import org.chorus.commissions.v1.PhaseModelUpdated;
import org.chorus.commissions.v1.PhaseMoved;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * The use cases of a commission's phases: read the model, change the phases before the first move,
 * move, list the moves. Every change writes its event to the commission's outbox in the same
 * transaction.
 */
@Service
public class PhaseService {

    static final int DEFAULT_PAGE_SIZE = 25;

    private final PhaseRepository phases;
    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final CommissionWriteService writes;
    private final CreateRequests requests;
    private final Clock clock;

    public PhaseService(PhaseRepository phases, EventOutbox outbox,
                        CommissionTransactions transactions, CommissionWriteService writes, CreateRequests requests, Clock clock) {
        this.phases = phases;
        this.outbox = outbox;
        this.transactions = transactions;
        this.writes = writes;
        this.requests = requests;
        this.clock = clock;
    }

    public PhaseModel get(Caller caller, CommissionId commission) {
        return transactions.inCommission(caller, commission.value(), phases::model);
    }

    /** Replaces the phases; the commission is in the first. Only before the first move. */
    public PhaseModel updatePhases(Caller caller, CommissionId commission, PhaseList replacement, String etag) {
        requireFacilitator(caller, commission);
        return writes.inOpenCommission(caller, commission, () -> {
            PhaseModel current = phases.lockModel();
            current.checkEtag(etag);
            PhaseModel updated = current.withPhases(replacement, now());
            phases.savePhases(updated);
            outbox.append(new NewEvent("phase_model.updated", commission.resourceName() + "/phaseModel", caller.subject(),
                    updated.updateTime(), PhaseModelUpdated.newBuilder().addAllPhases(replacement.names()).build()));
            return updated;
        });
    }

    /**
     * Moves the commission and records why. A retry with the same request id returns the first
     * result; the same id with a different request is refused.
     */
    public PhaseTransition move(Caller caller, CommissionId commission, PhaseMove move) {
        requireFacilitator(caller, commission);
        return writes.inOpenCommission(caller, commission, () -> {
            // The lock first: a retry racing its original sees the original's request once it commits.
            PhaseModel current = phases.lockModel();
            if (move.requestId() != null) {
                var earlier = requests.madeEarlier(move.requestId(), move.fingerprint());
                if (earlier.isPresent()) {
                    return phases.transition(Integer.parseInt(CreateRequests.idOf(earlier.get()))).orElseThrow(() -> new IllegalStateException("A remembered move is missing: " + earlier.get()));
                }
            }
            current.checkEtag(move.etag());
            PhaseModel.Move planned = current.plan(move.phase());
            Instant now = now();
            PhaseTransition transition = new PhaseTransition(phases.lastTransitionNumber() + 1, planned.from().displayName(),
                    planned.to().displayName(), planned.direction(), move.reason(), caller.subject(), now);
            phases.saveMove(transition, current.after(planned, now));
            String name = transition.resourceName(commission);
            outbox.append(new NewEvent("phase.moved", name, caller.subject(), now, PhaseMoved.newBuilder()
                    .setFromPhase(transition.fromPhase())
                    .setToPhase(transition.toPhase())
                    .setDirection(transition.direction().name())
                    .setReason(transition.reason())
                    .build()));
            if (move.requestId() != null) {
                requests.remember(move.requestId(), move.fingerprint(), name);
            }
            return transition;
        });
    }

    /** One page of the moves, oldest first, and the token of the next page (empty on the last). */
    public Page<PhaseTransition> list(Caller caller, CommissionId commission, int pageSize, String pageToken) {
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "phaseTransitions:" + commission.value(),
                t -> String.valueOf(t.number()),
                (key, limit) -> {
                    int after = PageTokens.number(key, 0);
                    return transactions.inCommission(caller, commission.value(), () -> phases.transitionsAfter(after, limit));
                });
    }

    /** Object-level check, whatever the access policy said: changes are for facilitators and coordinators. */
    private static void requireFacilitator(Caller caller, CommissionId commission) {
        if (!caller.holdsAnyIn(commission.value(), java.util.Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators can change its phases.");
        }
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: what a change returns must equal what a read gives later.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
