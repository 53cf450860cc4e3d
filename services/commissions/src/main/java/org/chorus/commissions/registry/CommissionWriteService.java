package org.chorus.commissions.registry;

import java.util.function.Supplier;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.tenancy.CommissionDatabases;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place where a change inside a commission is refused once the commission is archived.
 * Every write of the commissions service runs through {@link #inOpenCommission}; reads use
 * {@link CommissionTransactions#inCommission} directly and keep working.
 */
@Service
public class CommissionWriteService {

    private final CommissionRepository registry;
    private final CommissionTransactions commissions;
    private final CommissionDatabases databases;
    private final TransactionTemplate transactions;

    public CommissionWriteService(CommissionRepository registry, CommissionTransactions commissions,
                                  CommissionDatabases databases, TransactionTemplate transactions) {
        this.registry = registry;
        this.commissions = commissions;
        this.databases = databases;
        this.transactions = transactions;
    }

    /**
     * Runs {@code work} as {@link CommissionTransactions#inCommission} does, once the registry says
     * the commission is not archived. The registry row stays share-locked until the work commits,
     * so archiving waits for a write already under way, and a write waits for an archiving.
     *
     * @throws ChorusException FAILED_PRECONDITION {@code COMMISSION_ARCHIVED} when the commission is archived
     */
    public <T> T inOpenCommission(Caller caller, CommissionId commission, Supplier<T> work) {
        if (databases.isDedicated(commission.value())) {
            // Its data is in another database, which cannot join this transaction: checked just before.
            transactions.executeWithoutResult(status -> refuseIfArchived(caller, commission));
            return commissions.inCommission(caller, commission.value(), work);
        }
        return transactions.execute(status -> {
            refuseIfArchived(caller, commission);
            return commissions.inCommission(caller, commission.value(), work);
        });
    }

    private void refuseIfArchived(Caller caller, CommissionId commission) {
        // Only said to those who may see the commission; the others are refused by inCommission as before.
        if (caller.canSee(commission.value())
                && registry.stateForShare(commission).orElse(Commission.State.ACTIVE) == Commission.State.ARCHIVED) {
            throw ChorusException.failedPrecondition("COMMISSION_ARCHIVED",
                    "This commission has been archived: its record can be read but not changed.");
        }
    }
}
