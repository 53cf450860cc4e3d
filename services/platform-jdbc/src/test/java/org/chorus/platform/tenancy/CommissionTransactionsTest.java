package org.chorus.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.testrig.RealPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Commission isolation on a real PostgreSQL, with the platform's own migrations: the application's
 * login role, a schema and role per commission, and the one place that switches between them.
 */
class CommissionTransactionsTest {

    private static final String SERVICE = "tenancytest";
    private static final String DATABASE = "tenancy_test";
    private static final String APPLICATION_ROLE = "chorus_" + SERVICE;
    private static final Caller COORDINATOR = new Caller("s-coordinator", Optional.empty(), Set.of(Role.COORDINATOR), Map.of());
    private static final Caller LEEDS_MEMBER = new Caller("s-sam", Optional.empty(), Set.of(), Map.of("leeds", Set.of(Role.MEMBER)));

    private static TenancyTestDatabase database;
    private static JdbcClient jdbc;
    private static CommissionTransactions commissions;

    @BeforeAll
    static void setUp() {
        // Set up twice over: setting a commission up is safe to repeat.
        database = TenancyTestDatabase.of(SERVICE, DATABASE, 1, "leeds", "salford", "leeds");
        jdbc = database.jdbc();
        commissions = database.transactions();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void workInACommissionReadsAndWritesItsOwnTables() {
        commissions.inCommission(COORDINATOR, "leeds", () -> jdbc.sql("INSERT INTO note (body) VALUES ('from leeds')").update());

        List<String> notes = commissions.inCommission(LEEDS_MEMBER, "leeds",
                () -> jdbc.sql("SELECT body FROM note").query(String.class).list());
        assertThat(notes).contains("from leeds");
        assertThat(commissions.inCommission(COORDINATOR, "salford",
                () -> jdbc.sql("SELECT body FROM note").query(String.class).list())).doesNotContain("from leeds");
    }

    @Test
    void aQueryNamingAnotherCommissionsTableIsPermissionDenied() {
        assertThatThrownBy(() -> commissions.inCommission(COORDINATOR, "leeds",
                () -> jdbc.sql("SELECT body FROM commission_salford.note").query(String.class).list()))
                .isInstanceOf(DataAccessException.class)
                .satisfies(CommissionTransactionsTest::isPermissionDenied);
    }

    @Test
    void theLoginRoleReadsNothingOfACommissionByItself() {
        assertThatThrownBy(() -> jdbc.sql("SELECT body FROM commission_leeds.note").query(String.class).list())
                .isInstanceOf(DataAccessException.class)
                .satisfies(CommissionTransactionsTest::isPermissionDenied);
    }

    @Test
    void nothingOfACommissionStaysOnThePooledConnection() {
        commissions.inCommission(COORDINATOR, "leeds", () -> jdbc.sql("SELECT count(*) FROM note").query(Long.class).single());
        assertThatThrownBy(() -> commissions.inCommission(COORDINATOR, "salford", () -> {
            jdbc.sql("INSERT INTO note (body) VALUES ('rolled back')").update();
            throw new IllegalStateException("a failure inside the work");
        })).isInstanceOf(IllegalStateException.class);

        // The pool has one connection: this is the one both transactions used.
        Map<String, Object> session = jdbc.sql("SELECT current_user AS who, current_setting('search_path') AS path").query().singleRow();
        assertThat(session.get("who")).isEqualTo(APPLICATION_ROLE);
        assertThat(session.get("path")).isEqualTo("\"$user\", public");
        assertThat(commissions.inCommission(COORDINATOR, "salford",
                () -> jdbc.sql("SELECT count(*) FROM note WHERE body = 'rolled back'").query(Long.class).single())).isZero();
    }

    @Test
    void aCallerWithoutARoleInTheCommissionIsRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> commissions.inCommission(LEEDS_MEMBER, "salford", () -> "never"))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.kind()).isEqualTo(ChorusException.Kind.PERMISSION_DENIED));
    }

    @Test
    void aCommissionNotSetUpHereIsNotFound() {
        assertThatThrownBy(() -> commissions.inCommission(COORDINATOR, "wakefield", () -> "never"))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("COMMISSION_NOT_SET_UP"));
    }

    @Test
    void aCommissionsTablesBelongToItsRoleAndSetUpIsRecorded() {
        JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource(DATABASE));
        assertThat(owner.sql("SELECT tableowner FROM pg_tables WHERE schemaname = 'commission_leeds' AND tablename = 'note'")
                .query(String.class).single()).isEqualTo("chorus_tenancytest_leeds");
        assertThat(owner.sql("SELECT commission_id FROM network.provisioned_commission ORDER BY 1").query(String.class).list())
                .containsExactly("leeds", "salford");
    }

    /** PostgreSQL's insufficient_privilege, with its own words. */
    private static void isPermissionDenied(Throwable e) {
        assertThat(e).rootCause().isInstanceOf(SQLException.class).hasMessageStartingWith("ERROR: permission denied for schema");
        assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("42501");
    }

    @Test
    void namesComeFromTheServiceAndTheCommissionOnly() {
        assertThat(CommissionSchema.of("payments", "north-east")).isEqualTo(
                new CommissionSchema("north-east", "commission_north_east", "chorus_payments_north_east"));
        assertThatThrownBy(() -> CommissionSchema.of("payments", "leeds\"; DROP SCHEMA network; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
