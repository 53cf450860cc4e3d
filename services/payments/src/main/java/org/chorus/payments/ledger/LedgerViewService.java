package org.chorus.payments.ledger;

import static org.chorus.payments.MoneyRoles.handlesMoney;
import static org.chorus.payments.MoneyRoles.isTheMember;

import java.util.List;
import java.util.UUID;
import org.chorus.identity.Caller;
import org.chorus.payments.ledger.LedgerRepository.Balance;
import org.chorus.payments.ledger.LedgerRepository.Totals;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/** Reading a commission's ledger: its summary for finance and coordinators, and a member's own statement. */
@Service
public class LedgerViewService {

    static final int DEFAULT_PAGE_SIZE = 25;

    /** Where the commission's money is: the balance of each kind of account, and whether debits equal credits. */
    public record Summary(List<Balance> balances, List<Totals> totals, int accounts) {

        public boolean balanced() {
            return totals.stream().allMatch(t -> t.debits() == t.credits());
        }

        /** The balance of the accounts of {@code kind} together (credits minus debits). */
        public long of(Account.Kind kind) {
            return balances.stream().filter(b -> b.kind() == kind).mapToLong(Balance::balance).sum();
        }
    }

    /** A page of a member's statement, and what they are owed now. */
    public record Statement(Page<Transfer> transfers, long owedPence) {
    }

    private final Ledger ledger;
    private final CommissionTransactions transactions;

    public LedgerViewService(Ledger ledger, CommissionTransactions transactions) {
        this.ledger = ledger;
        this.transactions = transactions;
    }

    public Summary summary(Caller caller, String commission) {
        if (!handlesMoney(caller, commission)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's finance team and network coordinators see its ledger.");
        }
        return transactions.inCommission(caller, commission, () -> {
            List<Balance> balances = ledger.balances();
            return new Summary(balances, ledger.totals(), balances.stream().mapToInt(Balance::accounts).sum());
        });
    }

    /**
     * Debits minus credits of the commission's money, as each account has them posted: 0 unless something is badly
     * wrong. Read as this service, for the check the clock runs.
     */
    public long imbalancePence(String commission) {
        return transactions.inCommission(Caller.service("chorus-payments", commission), commission, () -> ledger.totals().stream()
                .filter(t -> t.unit() == Account.Unit.PENCE).mapToLong(t -> t.debits() - t.credits()).sum());
    }

    /** The money a member was owed and paid, newest first: to the member themself, finance and coordinators. */
    public Statement statement(Caller caller, String commission, String member, int pageSize, String pageToken) {
        boolean self = isTheMember(caller, commission, member);
        if (!self && !handlesMoney(caller, commission)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the member and the commission's finance team can see this.");
        }
        Account owed = Account.of(Account.Kind.OWED, member);
        return transactions.inCommission(caller, commission, () -> new Statement(
                PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "transfers:" + commission + ":" + member,
                        t -> t.id().toString(), (key, limit) -> ledger.statement(owed, key.isEmpty() ? null : PageTokens.uuid(key), limit)),
                ledger.balance(owed)));
    }


}
