package org.chorus.commissions.focus;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chorus.commissions.registry.CommissionWriteService;
import org.chorus.commissions.v1.FocusIssueDecided;
import org.chorus.commissions.v1.FocusIssueProposed;
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

/** The use cases of focus issues: propose, read, list, record the group's decision. Every change writes its event. */
@Service
public class FocusIssueService {

    static final int DEFAULT_PAGE_SIZE = 25;
    /** Who may propose: anyone taking part in the commission. Viewers watch; they do not propose. */
    static final Set<Role> PROPOSERS = Set.of(Role.FACILITATOR, Role.MEMBER, Role.FINANCE);

    private final FocusIssueRepository issues;
    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final CommissionWriteService writes;
    private final CreateRequests requests;
    private final Clock clock;

    public FocusIssueService(FocusIssueRepository issues, EventOutbox outbox,
                             CommissionTransactions transactions, CommissionWriteService writes, CreateRequests requests, Clock clock) {
        this.issues = issues;
        this.outbox = outbox;
        this.transactions = transactions;
        this.writes = writes;
        this.requests = requests;
        this.clock = clock;
    }

    /** Proposes an issue. A retry with the same request id returns the issue it made; another request with that id is refused. */
    public FocusIssue propose(Caller caller, CommissionId commission, FocusIssueProposal proposal, UUID requestId) {
        if (!caller.holdsAnyIn(commission.value(), PROPOSERS)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only people taking part in the commission can propose issues.");
        }
        return writes.inOpenCommission(caller, commission, () -> {
            if (requestId != null) {
                var earlier = requests.madeEarlier(requestId, proposal.fingerprint());
                if (earlier.isPresent()) {
                    return issues.find(CreateRequests.idOf(earlier.get())).orElseThrow(() -> new IllegalStateException("A remembered issue is missing: " + earlier.get()));
                }
            }
            Instant now = now();
            FocusIssue issue = FocusIssue.propose("fi-" + RandomIds.next(), proposal, caller.subject(), now);
            issues.insert(issue);
            String name = issue.resourceName(commission);
            outbox.append(new NewEvent("focus_issue.proposed", name, caller.subject(), now,
                    FocusIssueProposed.newBuilder().setTitle(issue.title()).build()));
            if (requestId != null) {
                requests.remember(requestId, proposal.fingerprint(), name);
            }
            return issue;
        });
    }

    public FocusIssue get(Caller caller, CommissionId commission, String id) {
        return transactions.inCommission(caller, commission.value(), () -> issues.find(id).orElseThrow(FocusIssueService::noIssue));
    }

    /** One page of issues, oldest first, only in {@code state} when not null. */
    public Page<FocusIssue> list(Caller caller, CommissionId commission, FocusIssue.State state, int pageSize, String pageToken) {
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "focusIssues:" + commission.value() + ":" + state,
                i -> TimeAndId.key(i.createTime(), i.id()),
                (key, limit) -> {
                    TimeAndId after = TimeAndId.of(key);
                    return transactions.inCommission(caller, commission.value(), () -> issues.list(state,
                            after == null ? null : after.time(), after == null ? null : after.id(), limit));
                });
    }

    /** Records the group's decision. Facilitators and coordinators record it; the decision is the group's. */
    public FocusIssue decide(Caller caller, CommissionId commission, String id, FocusIssueDecision decision) {
        if (!caller.holdsAnyIn(commission.value(), Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators can record the group's decision.");
        }
        return writes.inOpenCommission(caller, commission, () -> {
            FocusIssue current = issues.lock(id).orElseThrow(FocusIssueService::noIssue);
            Instant now = now();
            FocusIssue decided = current.decide(decision, caller.subject(), now);
            issues.update(decided);
            outbox.append(new NewEvent("focus_issue.decided", decided.resourceName(commission), caller.subject(), now,
                    FocusIssueDecided.newBuilder().setOutcome(decided.state().name()).setHowDecided(decided.howDecided())
                            .setTitle(decided.title()).build()));
            return decided;
        });
    }

    private static ChorusException noIssue() {
        return ChorusException.notFound("NO_FOCUS_ISSUE", "There is no such issue in this commission.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
