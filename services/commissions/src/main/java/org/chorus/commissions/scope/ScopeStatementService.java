package org.chorus.commissions.scope;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.chorus.commissions.registry.CommissionWriteService;
import org.chorus.commissions.v1.ScopeStatementUpdated;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/** The use cases of the scope statement: read it, change it (keeping every version), list the versions. */
@Service
public class ScopeStatementService {

    static final int DEFAULT_PAGE_SIZE = 25;

    private final ScopeStatementRepository statements;
    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final CommissionWriteService writes;
    private final Clock clock;

    public ScopeStatementService(ScopeStatementRepository statements, EventOutbox outbox,
                                 CommissionTransactions transactions, CommissionWriteService writes, Clock clock) {
        this.statements = statements;
        this.outbox = outbox;
        this.transactions = transactions;
        this.writes = writes;
        this.clock = clock;
    }

    public ScopeStatement get(Caller caller, CommissionId commission) {
        return transactions.inCommission(caller, commission.value(), statements::current);
    }

    /** Makes the next version. Only the commission's facilitators and coordinators. */
    public ScopeStatement update(Caller caller, CommissionId commission, ScopeChange change) {
        if (!caller.holdsAnyIn(commission.value(), Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators can change its scope statement.");
        }
        return writes.inOpenCommission(caller, commission, () -> {
            ScopeStatement current = statements.current();
            if (change.etag() != null && !change.etag().equals(current.etag())) {
                throw stale();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            ScopeStatement next = current.apply(change, caller.subject(), now);
            if (!statements.insert(next)) {
                throw stale();
            }
            var payload = ScopeStatementUpdated.newBuilder().setRevisionId(String.valueOf(next.revision()))
                    .setOpenToCoProduction(next.openToCoProduction()).setNotOpenToCoProduction(next.notOpenToCoProduction())
                    .setReasons(next.reasons()).build();
            outbox.append(new NewEvent("scope_statement.updated", commission.resourceName() + "/scopeStatement",
                    caller.subject(), now, payload));
            return next;
        });
    }

    /** One page of versions, newest first, and the token of the next page (empty on the last). */
    public Page<ScopeStatement> revisions(Caller caller, CommissionId commission, int pageSize, String pageToken) {
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "scopeStatementRevisions:" + commission.value(),
                r -> String.valueOf(r.revision()),
                (key, limit) -> {
                    int before = PageTokens.number(key, Integer.MAX_VALUE);
                    return transactions.inCommission(caller, commission.value(), () -> statements.revisionsBefore(before, limit));
                });
    }

    private static ChorusException stale() {
        return ChorusException.aborted("STALE_ETAG", "Someone else changed the scope statement since you last looked. "
                + "Please read it again, then make your change once more.");
    }
}
