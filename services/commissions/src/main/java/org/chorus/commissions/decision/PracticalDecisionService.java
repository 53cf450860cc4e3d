package org.chorus.commissions.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chorus.commissions.registry.CommissionWriteService;
import org.chorus.commissions.v1.PracticalDecisionWording;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.RandomIds;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens.TimeAndId;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * The use cases of practical decisions: record, read, list by topic, change the wording. Every
 * recording and change writes the whole wording as an event, which is where earlier wording is kept.
 */
@Service
public class PracticalDecisionService {

    static final int DEFAULT_PAGE_SIZE = 25;
    private static final Set<Role> FACILITATORS = Set.of(Role.FACILITATOR);

    private final PracticalDecisionRepository decisions;
    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final CommissionWriteService writes;
    private final CreateRequests requests;
    private final Clock clock;

    public PracticalDecisionService(PracticalDecisionRepository decisions, EventOutbox outbox,
                                    CommissionTransactions transactions, CommissionWriteService writes,
                                    CreateRequests requests, Clock clock) {
        this.decisions = decisions;
        this.outbox = outbox;
        this.transactions = transactions;
        this.writes = writes;
        this.requests = requests;
        this.clock = clock;
    }

    /** Records a decision. A retry with the same request id returns the decision it made; another request with that id is refused. */
    public PracticalDecision create(Caller caller, CommissionId commission, PracticalDecisionFields fields, UUID requestId) {
        requireFacilitator(caller, commission, "record the group's decisions");
        return writes.inOpenCommission(caller, commission, () -> {
            if (requestId != null) {
                var earlier = requests.madeEarlier(requestId, fields.fingerprint());
                if (earlier.isPresent()) {
                    return decisions.find(CreateRequests.idOf(earlier.get()))
                            .orElseThrow(() -> new IllegalStateException("A remembered decision is missing: " + earlier.get()));
                }
            }
            Instant now = now();
            PracticalDecision decision = PracticalDecision.record("pd-" + RandomIds.next(), fields, caller.subject(), now);
            decisions.insert(decision);
            String name = decision.resourceName(commission);
            outbox.append(new NewEvent("practical_decision.recorded", name, caller.subject(), now, wording(decision)));
            if (requestId != null) {
                requests.remember(requestId, fields.fingerprint(), name);
            }
            return decision;
        });
    }

    public PracticalDecision get(Caller caller, CommissionId commission, String id) {
        return transactions.inCommission(caller, commission.value(),
                () -> decisions.find(id).orElseThrow(PracticalDecisionService::noDecision));
    }

    /** One page of decisions, oldest first, only about {@code topic} when not null. */
    public Page<PracticalDecision> list(Caller caller, CommissionId commission, PracticalDecision.Topic topic, int pageSize,
                                        String pageToken) {
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "practicalDecisions:" + commission.value() + ":" + topic,
                d -> TimeAndId.key(d.createTime(), d.id()),
                (key, limit) -> {
                    TimeAndId after = TimeAndId.of(key);
                    return transactions.inCommission(caller, commission.value(), () -> decisions.list(topic,
                            after == null ? null : after.time(), after == null ? null : after.id(), limit));
                });
    }

    /** Changes a decision's wording. Only the commission's facilitators and coordinators. */
    public PracticalDecision update(Caller caller, CommissionId commission, String id, PracticalDecisionFields change, String etag) {
        requireFacilitator(caller, commission, "change the group's decisions");
        return writes.inOpenCommission(caller, commission, () -> {
            PracticalDecision current = decisions.lock(id).orElseThrow(PracticalDecisionService::noDecision);
            PracticalDecision changed = current.change(change, etag, caller.subject(), now());
            decisions.update(changed);
            outbox.append(new NewEvent("practical_decision.updated", changed.resourceName(commission), caller.subject(),
                    changed.updateTime(), wording(changed)));
            return changed;
        });
    }

    /** The whole wording of a version, so the feed keeps every earlier one. */
    private static PracticalDecisionWording wording(PracticalDecision d) {
        return PracticalDecisionWording.newBuilder()
                .setRevisionId(String.valueOf(d.version()))
                .setTopic(d.topic().name())
                .setTitle(d.title())
                .setDecision(d.decision())
                .setAgreedBy(d.agreedBy())
                .setAgreedOn(d.agreedOn().toString())
                .build();
    }

    private static void requireFacilitator(Caller caller, CommissionId commission, String what) {
        if (!caller.holdsAnyIn(commission.value(), FACILITATORS)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators can " + what + ".");
        }
    }

    private static ChorusException noDecision() {
        return ChorusException.notFound("NO_PRACTICAL_DECISION", "There is no such decision in this commission.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
