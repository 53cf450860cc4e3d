package org.chorus.payments.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger in the commission's own schema; PostgreSQL refuses changes, deletions and mixed units itself. */
@Repository
class JdbcLedgerRepository implements LedgerRepository {

    private static final String TRANSFERS = """
            SELECT t.id, t.amount, t.kind, t.reference, t.reverses, t.create_time,
                   d.id AS d_id, d.unit AS d_unit, d.kind AS d_kind, d.member_id AS d_member,
                   c.id AS c_id, c.unit AS c_unit, c.kind AS c_kind, c.member_id AS c_member
            FROM ledger_transfer t JOIN ledger_account d ON d.id = t.debit_account JOIN ledger_account c ON c.id = t.credit_account""";

    private final JdbcClient jdbc;

    JdbcLedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(Account account) {
        jdbc.sql("""
                        INSERT INTO ledger_account (id, unit, kind, member_id, create_time) VALUES (:id, :unit, :kind, :member, now())
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", account.id())
                .param("unit", account.unit().name())
                .param("kind", account.kind().name())
                .param("member", account.member())
                .update();
    }

    @Override
    public boolean add(Transfer t) {
        return jdbc.sql("""
                        INSERT INTO ledger_transfer (id, debit_account, credit_account, unit, amount, kind, reference, reverses, create_time)
                        VALUES (:id, :debit, :credit, :unit, :amount, :kind, :reference, :reverses, :time)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", t.id())
                .param("debit", t.debit().id())
                .param("credit", t.credit().id())
                .param("unit", t.unit().name())
                .param("amount", t.amount())
                .param("kind", t.kind())
                .param("reference", t.reference())
                .param("reverses", t.reverses())
                .param("time", Timestamp.from(t.createTime()))
                .update() == 1;
    }

    @Override
    public Optional<Transfer> find(UUID id) {
        return jdbc.sql(TRANSFERS + " WHERE t.id = :id").param("id", id).query(JdbcLedgerRepository::transfer).optional();
    }

    @Override
    public Optional<Transfer> reversalOf(UUID id) {
        return jdbc.sql(TRANSFERS + " WHERE t.reverses = :id").param("id", id).query(JdbcLedgerRepository::transfer).optional();
    }

    @Override
    public long balance(String account) {
        return jdbc.sql("SELECT credits_posted - debits_posted FROM ledger_account WHERE id = :account")
                .param("account", account)
                .query(Long.class)
                .optional().orElse(0L);
    }

    @Override
    public List<Transfer> statement(String account, UUID beforeId, int limit) {
        return jdbc.sql(TRANSFERS + """
                         WHERE (t.debit_account = :account OR t.credit_account = :account)
                           AND (CAST(:before AS uuid) IS NULL
                                OR (t.create_time, t.id) < (SELECT b.create_time, b.id FROM ledger_transfer b WHERE b.id = :before))
                        ORDER BY t.create_time DESC, t.id DESC LIMIT :limit""")
                .param("account", account)
                .param("before", beforeId)
                .param("limit", limit)
                .query(JdbcLedgerRepository::transfer)
                .list();
    }

    @Override
    public List<Totals> totals() {
        // What each account has posted, kept by the transfer trigger in the same transaction as each transfer.
        return jdbc.sql("SELECT unit, sum(debits_posted), sum(credits_posted) FROM ledger_account GROUP BY unit ORDER BY unit")
                .query((rs, row) -> new Totals(Account.Unit.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    @Override
    public List<Balance> balances() {
        return jdbc.sql("""
                        SELECT kind, unit, count(*), sum(credits_posted - debits_posted) FROM ledger_account GROUP BY kind, unit ORDER BY kind""")
                .query((rs, row) -> new Balance(Account.Kind.valueOf(rs.getString(1)), rs.getInt(3), rs.getLong(4)))
                .list();
    }

    private static Transfer transfer(ResultSet rs, int row) throws SQLException {
        return new Transfer(rs.getObject("id", UUID.class), account(rs, "d_"), account(rs, "c_"), rs.getLong("amount"),
                rs.getString("kind"), rs.getString("reference"), rs.getObject("reverses", UUID.class),
                rs.getTimestamp("create_time").toInstant());
    }

    private static Account account(ResultSet rs, String prefix) throws SQLException {
        return new Account(rs.getString(prefix + "id"), Account.Unit.valueOf(rs.getString(prefix + "unit")),
                Account.Kind.valueOf(rs.getString(prefix + "kind")), rs.getString(prefix + "member"));
    }
}
