package org.chorus.payments.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.payments.ledger.Account.Kind;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger on a real PostgreSQL: one transfer per id, corrections as reversals, balances that add
 * up, and a schema that itself refuses edits, deletions, mixed units and reversals that do not match.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "payments")
@UseRealKeycloak
class LedgerTest {

    private static final Caller SERVICE = new Caller("s-payments", Optional.empty(), Set.of(Role.SERVICE), Map.of());
    private static final Account BUDGET = Account.of(Kind.BUDGET);
    private static final Account OWED_TO_SAM = Account.of(Kind.OWED, "sam");
    private static final Account SAMS_CREDITS = Account.of(Kind.TIME_CREDITS, "sam");

    @Autowired
    Ledger ledger;
    @Autowired
    CommissionTransactions transactions;
    @Autowired
    CommissionSchemaProvisioner schemas;
    @Autowired
    LedgerBalanceReconciler balanceCheck;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("payments"));

    @BeforeEach
    void anEmptyLedger() {
        schemas.provision("leeds");
        owner.sql("ALTER TABLE commission_leeds.ledger_transfer DISABLE TRIGGER ledger_transfer_immutable").update();
        owner.sql("TRUNCATE commission_leeds.ledger_transfer, commission_leeds.ledger_account").update();
        owner.sql("ALTER TABLE commission_leeds.ledger_transfer ENABLE TRIGGER ledger_transfer_immutable").update();
    }

    private <T> T inLeeds(Supplier<T> work) {
        return transactions.inCommission(SERVICE, "leeds", work);
    }

    @Test
    void oneTransferPerIdAndBalancesThatAddUp() {
        UUID id = UUID.randomUUID();
        Transfer first = inLeeds(() -> ledger.post(id, BUDGET, OWED_TO_SAM, 4035, "CLAIM_APPROVED", "commissions/leeds/claims/c-1"));

        assertThat(inLeeds(() -> ledger.post(id, BUDGET, OWED_TO_SAM, 4035, "CLAIM_APPROVED", "commissions/leeds/claims/c-1")))
                .as("a retry returns the first").isEqualTo(first);
        assertThatThrownBy(() -> inLeeds(() -> ledger.post(id, BUDGET, OWED_TO_SAM, 9999, "CLAIM_APPROVED", "commissions/leeds/claims/c-1")))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("TRANSFER_ID_REUSED"));
        inLeeds(() -> ledger.post(UUID.randomUUID(), Account.of(Kind.TIME_CREDITS_GIVEN), SAMS_CREDITS, 180, "CLAIM_APPROVED", "c-2"));

        assertThat(inLeeds(() -> ledger.balance(OWED_TO_SAM))).isEqualTo(4035);
        assertThat(inLeeds(() -> ledger.balance(BUDGET))).isEqualTo(-4035);
        assertThat(inLeeds(() -> ledger.balance(SAMS_CREDITS))).as("time credits in minutes, never mixed with money").isEqualTo(180);
        assertThat(inLeeds(ledger::totals)).hasSize(2).allSatisfy(t -> assertThat(t.debits()).isEqualTo(t.credits()));
        assertThatThrownBy(() -> new Transfer(UUID.randomUUID(), BUDGET, SAMS_CREDITS, 1, "X", "x", null, first.createTime()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClocksCheckExportsHowFarTheLedgerIsFromBalancing() {
        inLeeds(() -> ledger.post(UUID.randomUUID(), BUDGET, OWED_TO_SAM, 4035, "CLAIM_APPROVED", "commissions/leeds/claims/c-9"));
        balanceCheck.checkTheLedgers();
        assertThat(meters.get("chorus.ledger.imbalance.pence").tag("commission", "leeds").gauge().value()).isZero();

        // What only a bug or a hand in the database (its guard switched off) could do: a posting that no transfer made.
        owner.sql("ALTER TABLE commission_leeds.ledger_account DISABLE TRIGGER ledger_posted_only_by_transfers").update();
        owner.sql("UPDATE commission_leeds.ledger_account SET debits_posted = debits_posted + 5 WHERE id = 'budget'").update();
        owner.sql("ALTER TABLE commission_leeds.ledger_account ENABLE TRIGGER ledger_posted_only_by_transfers").update();
        balanceCheck.checkTheLedgers();

        assertThat(meters.get("chorus.ledger.imbalance.pence").tag("commission", "leeds").gauge().value()).isEqualTo(5);
    }

    @Test
    void aCorrectionIsAReversalMadeOnceAndNeverItselfReversed() {
        Transfer paid = inLeeds(() -> ledger.post(UUID.randomUUID(), BUDGET, OWED_TO_SAM, 2000, "CLAIM_APPROVED", "c-3"));
        UUID reversalId = UUID.randomUUID();

        Transfer reversal = inLeeds(() -> ledger.reverse(paid.id(), reversalId, "c-3"));

        assertThat(reversal.debit()).isEqualTo(OWED_TO_SAM);
        assertThat(inLeeds(() -> ledger.balance(OWED_TO_SAM))).isZero();
        assertThat(inLeeds(() -> ledger.reverse(paid.id(), reversalId, "c-3"))).as("a retry").isEqualTo(reversal);
        assertThatThrownBy(() -> inLeeds(() -> ledger.reverse(paid.id(), UUID.randomUUID(), "c-3")))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("ALREADY_REVERSED"));
        assertThatThrownBy(() -> inLeeds(() -> ledger.reverse(reversal.id(), UUID.randomUUID(), "c-3")))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("REVERSAL_OF_REVERSAL"));
        assertThat(inLeeds(() -> ledger.statement(OWED_TO_SAM, null, 10))).extracting(Transfer::id)
                .containsExactly(reversal.id(), paid.id());
    }

    @Test
    void theSchemaItselfRefusesEditsDeletionsMixedUnitsAndReversalsThatDoNotMatch() {
        Transfer paid = inLeeds(() -> ledger.post(UUID.randomUUID(), BUDGET, OWED_TO_SAM, 2000, "CLAIM_APPROVED", "c-4"));
        inLeeds(() -> ledger.post(UUID.randomUUID(), Account.of(Kind.TIME_CREDITS_GIVEN), SAMS_CREDITS, 60, "CLAIM_APPROVED", "c-5"));

        assertThatThrownBy(() -> owner.sql("UPDATE commission_leeds.ledger_transfer SET amount = 1").update())
                .hasMessageContaining("never changed or deleted");
        assertThatThrownBy(() -> owner.sql("DELETE FROM commission_leeds.ledger_transfer").update())
                .hasMessageContaining("never changed or deleted");
        assertThatThrownBy(() -> owner.sql("""
                INSERT INTO commission_leeds.ledger_transfer (id, debit_account, credit_account, unit, amount, kind, reference, create_time)
                VALUES (gen_random_uuid(), 'budget', 'time_credits:sam', 'PENCE', 5, 'X', 'x', now())""").update())
                .as("money into a time-credit account").hasMessageContaining("foreign key");
        assertThatThrownBy(() -> owner.sql("""
                INSERT INTO commission_leeds.ledger_transfer (id, debit_account, credit_account, unit, amount, kind, reference, reverses,
                                                              create_time)
                VALUES (gen_random_uuid(), 'owed:sam', 'budget', 'PENCE', 1999, 'REVERSAL', 'x', :paid, now())""")
                .param("paid", paid.id()).update())
                .hasMessageContaining("same amount back");
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.ledger_transfer").query(Integer.class).single()).isEqualTo(2);
    }
}
