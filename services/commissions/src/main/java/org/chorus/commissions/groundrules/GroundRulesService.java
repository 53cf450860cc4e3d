package org.chorus.commissions.groundrules;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.chorus.commissions.registry.CommissionWriteService;
import org.chorus.commissions.v1.GroundRulesUpdated;
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

/** The use cases of the ground rules: read them, record a new version (keeping every one), list the versions. */
@Service
public class GroundRulesService {

    static final int DEFAULT_PAGE_SIZE = 25;

    private final GroundRulesRepository groundRules;
    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final CommissionWriteService writes;
    private final Clock clock;

    public GroundRulesService(GroundRulesRepository groundRules, EventOutbox outbox,
                              CommissionTransactions transactions, CommissionWriteService writes, Clock clock) {
        this.groundRules = groundRules;
        this.outbox = outbox;
        this.transactions = transactions;
        this.writes = writes;
        this.clock = clock;
    }

    public GroundRules get(Caller caller, CommissionId commission) {
        return transactions.inCommission(caller, commission.value(), groundRules::current);
    }

    /** Records the next version. Only the commission's facilitators and coordinators. */
    public GroundRules update(Caller caller, CommissionId commission, GroundRulesChange change) {
        if (!caller.holdsAnyIn(commission.value(), Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators can record its ground rules.");
        }
        return writes.inOpenCommission(caller, commission, () -> {
            GroundRules current = groundRules.current();
            if (change.etag() != null && !change.etag().equals(current.etag())) {
                throw stale();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            GroundRules next = current.apply(change, caller.subject(), now);
            if (!groundRules.insert(next)) {
                throw stale();
            }
            var payload = GroundRulesUpdated.newBuilder().setRevisionId(String.valueOf(next.revision()))
                    .addAllRules(next.rules()).setAgreedOn(next.agreedOn().toString()).setHowAgreed(next.howAgreed()).build();
            outbox.append(new NewEvent("ground_rules.updated", commission.resourceName() + "/groundRules",
                    caller.subject(), now, payload));
            return next;
        });
    }

    /** One page of versions, newest first, and the token of the next page (empty on the last). */
    public Page<GroundRules> revisions(Caller caller, CommissionId commission, int pageSize, String pageToken) {
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "groundRulesRevisions:" + commission.value(),
                r -> String.valueOf(r.revision()),
                (key, limit) -> {
                    int before = PageTokens.number(key, Integer.MAX_VALUE);
                    return transactions.inCommission(caller, commission.value(), () -> groundRules.revisionsBefore(before, limit));
                });
    }

    private static ChorusException stale() {
        return ChorusException.aborted("STALE_ETAG", "Someone else changed the ground rules since you last looked. "
                + "Please read them again, then make your change once more.");
    }
}
