package org.chorus.reporting.outcome;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.names.RandomIds;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens.TimeAndId;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * The use cases of outcomes: a facilitator records one (a story only with its member's agreement), a coordinator
 * approves it or turns it down; only approved ones count in reports. Who may call each is the contract's access
 * matrix, checked before these run.
 */
@Service
public class OutcomeService {

    static final int DEFAULT_PAGE_SIZE = 25;

    private final OutcomeRepository outcomes;
    private final CommissionTransactions transactions;
    private final CreateRequests requests;
    private final Clock clock;

    public OutcomeService(OutcomeRepository outcomes, CommissionTransactions transactions, CreateRequests requests, Clock clock) {
        this.outcomes = outcomes;
        this.transactions = transactions;
        this.requests = requests;
        this.clock = clock;
    }

    /** Records an outcome. A retry with the same request id (if one is sent) returns it; another request with that id is refused. */
    public Outcome create(Caller caller, String commission, Outcome.Draft draft, UUID requestId) {
        return transactions.inCommission(caller, commission, () -> {
            var earlier = requestId == null ? java.util.Optional.<String>empty() : requests.madeEarlier(requestId, draft.fingerprint());
            if (earlier.isPresent()) {
                return outcomes.find(CreateRequests.idOf(earlier.get()))
                        .orElseThrow(() -> new IllegalStateException("A remembered outcome is missing: " + earlier.get()));
            }
            if (draft.kind() == Outcome.Kind.STORY && !outcomes.storyConsentGiven(draft.member())) {
                throw noConsent();
            }
            Outcome outcome = new Outcome("oc-" + RandomIds.next(), draft.kind(), draft.title(), draft.description(),
                    draft.member(), Outcome.State.PROPOSED, "", caller.subject(), now(), null);
            outcomes.insert(outcome);
            if (requestId != null) {
                requests.remember(requestId, draft.fingerprint(), outcome.resourceName(commission));
            }
            return outcome;
        });
    }

    /** A page of the commission's outcomes, newest first. */
    public Page<Outcome> list(Caller caller, String commission, int pageSize, String pageToken) {
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "outcomes:" + commission,
                o -> TimeAndId.key(o.createTime(), o.id()),
                (key, limit) -> {
                    TimeAndId after = TimeAndId.of(key);
                    return transactions.inCommission(caller, commission, () -> outcomes.list(after == null ? null : after.time(),
                            after == null ? null : after.id(), limit));
                });
    }

    /** Approves a waiting outcome; a story only while its member still agrees to share it. */
    public Outcome approve(Caller caller, String commission, String id) {
        return decide(caller, commission, id, Outcome.State.APPROVED, "");
    }

    /** Turns a waiting outcome down, with a reason the facilitator can act on. */
    public Outcome turnDown(Caller caller, String commission, String id, String reason) {
        Violations violations = new Violations();
        violations.checkText(reason, "reason", "a reason", 1, Outcome.REASON_MAX);
        violations.throwIfAny("INVALID_OUTCOME", "Please say why, so the facilitator knows what to change.");
        return decide(caller, commission, id, Outcome.State.TURNED_DOWN, reason.strip());
    }

    /** Approved outcomes of the commission in {@code [from, to)}, newest first (stories only with consent). */
    public List<Outcome> approvedBetween(Caller caller, String commission, Instant from, Instant to) {
        return transactions.inCommission(caller, commission, () -> outcomes.approvedBetween(from, to));
    }

    private Outcome decide(Caller caller, String commission, String id, Outcome.State state, String reason) {
        return transactions.inCommission(caller, commission, () -> {
            Outcome outcome = outcomes.lock(id).orElseThrow(OutcomeService::notFound);
            if (outcome.state() != Outcome.State.PROPOSED) {
                throw ChorusException.failedPrecondition("OUTCOME_DECIDED",
                        "This outcome was " + (outcome.state() == Outcome.State.APPROVED ? "approved" : "turned down")
                                + " already. Record a new one instead.");
            }
            if (state == Outcome.State.APPROVED && outcome.kind() == Outcome.Kind.STORY && !outcomes.storyConsentGiven(outcome.member())) {
                throw noConsent();
            }
            outcomes.decide(id, state, reason, caller.subject(), now());
            return outcomes.find(id).orElseThrow();
        });
    }

    private static ChorusException notFound() {
        return ChorusException.notFound("OUTCOME_NOT_FOUND", "There is no such outcome in this commission.");
    }

    private static ChorusException noConsent() {
        return ChorusException.failedPrecondition("NO_STORY_CONSENT",
                "This member has not agreed to share their story. Ask them first: their answer is kept with their membership.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
