package org.chorus.platform.tenancy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.launcher.LocalPostgres;
import org.chorus.launcher.Ports;
import org.chorus.testrig.RealPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A commission on a database of its own, by configuration alone: Leeds on another PostgreSQL
 * server (which has never seen the service), York in another database of the same server, Salford
 * where every commission is by default. The same code does the work for all three.
 */
class DedicatedDatabaseTest {

    private static final String SERVICE = "dedicatedtest";
    private static final String APPLICATION_ROLE = "chorus_" + SERVICE;
    private static final String PASSWORD = "test-password";
    private static final Caller COORDINATOR = new Caller("s-coordinator", Optional.empty(), Set.of(Role.COORDINATOR), Map.of());

    private static LocalPostgres leedsServer;
    private static RealPostgres postgres;
    private static CommissionRoutingDataSource servicePool;
    private static CommissionDatabases databases;
    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;
    private static CommissionTransactions commissions;

    @BeforeAll
    static void setUp() {
        postgres = RealPostgres.get();
        leedsServer = LocalPostgres.startTemporary(Ports.freePort());
        leedsServer.createDatabaseIfMissing("leeds_commission");
        DataSource owner = postgres.ownerDataSource("dedicated_service");
        Flyway.configure().dataSource(owner).schemas("network").defaultSchema("network")
                .locations("classpath:db/platform")
                .placeholders(Map.of("applicationRole", APPLICATION_ROLE, "applicationPassword", PASSWORD))
                .load().migrate();
        // The configuration: chorus.tenancy.dedicated-databases.leeds=…, …york=…
        databases = new CommissionDatabases(owner,
                new CommissionDatabases.Login(postgres.username(), postgres.password()),
                new CommissionDatabases.Login(APPLICATION_ROLE, PASSWORD),
                Map.of("leeds", leedsServer.jdbcUrl("leeds_commission"), "york", postgres.jdbcUrl("york_commission")));
        var provisioner = new CommissionSchemaProvisioner(SERVICE, databases, "classpath:db/commission-test", new SimpleMeterRegistry());
        for (String commission : List.of("leeds", "york", "salford", "leeds")) {
            provisioner.provision(commission);
        }

        servicePool = new CommissionRoutingDataSource();
        servicePool.setJdbcUrl(postgres.jdbcUrl("dedicated_service"));
        servicePool.setUsername(APPLICATION_ROLE);
        servicePool.setPassword(PASSWORD);
        servicePool.setMaximumPoolSize(1);
        servicePool.routeWith(databases);
        jdbc = JdbcClient.create(servicePool);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(servicePool));
        commissions = new CommissionTransactions(SERVICE, jdbc, transactions, databases, provisioner);
    }

    @AfterAll
    static void close() {
        databases.close();
        servicePool.close();
        leedsServer.close();
    }

    @Test
    void eachCommissionsSchemaIsWhereTheConfigurationSays() {
        assertThat(schemas(leedsOwner())).contains("commission_leeds").doesNotContain("commission_salford", "commission_york");
        assertThat(schemas(postgres.ownerDataSource("york_commission"))).contains("commission_york").doesNotContain("commission_leeds", "commission_salford");
        assertThat(schemas(postgres.ownerDataSource("dedicated_service"))).contains("commission_salford").doesNotContain("commission_leeds", "commission_york");
        assertThat(JdbcClient.create(postgres.ownerDataSource("dedicated_service"))
                .sql("SELECT commission_id FROM network.provisioned_commission ORDER BY 1").query(String.class).list())
                .as("what is set up is recorded in the service's own database").containsExactly("leeds", "salford", "york");
    }

    @Test
    void theWorkForEachCommissionGoesToItsDatabaseThroughTheSameCode() {
        for (String commission : List.of("leeds", "york", "salford")) {
            commissions.inCommission(COORDINATOR, commission, () -> jdbc.sql("INSERT INTO note (body) VALUES (:body)")
                    .param("body", "written for " + commission).update());
        }

        assertThat(notes(leedsOwner(), "commission_leeds")).containsExactly("written for leeds");
        assertThat(notes(postgres.ownerDataSource("york_commission"), "commission_york")).containsExactly("written for york");
        assertThat(notes(postgres.ownerDataSource("dedicated_service"), "commission_salford")).containsExactly("written for salford");
        assertThat(commissions.inCommission(COORDINATOR, "leeds", () -> jdbc.sql("SELECT body FROM note").query(String.class).list()))
                .containsExactly("written for leeds");
    }

    @Test
    void onItsOwnDatabaseACommissionStillWorksUnderItsOwnRoleOnly() {
        Map<String, Object> inLeeds = commissions.inCommission(COORDINATOR, "leeds",
                () -> jdbc.sql("SELECT current_user AS who, current_database() AS db").query().singleRow());
        assertThat(inLeeds).containsEntry("who", "chorus_" + SERVICE + "_leeds").containsEntry("db", "leeds_commission");
        assertThat(JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(),
                        leedsServer.jdbcUrl("leeds_commission"), APPLICATION_ROLE, PASSWORD))
                .sql("SELECT has_schema_privilege('commission_leeds', 'USAGE')").query(Boolean.class).single())
                .as("the login role made on Leeds's server reads nothing by itself").isFalse();
    }

    @Test
    void workOutsideACommissionStaysInTheServicesDatabase() {
        commissions.inCommission(COORDINATOR, "leeds", () -> jdbc.sql("SELECT 1").query(Integer.class).single());

        assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("dedicated_service");
    }

    @Test
    void workForACommissionOnItsOwnDatabaseCannotJoinATransactionOpenElsewhere() {
        assertThatThrownBy(() -> transactions.execute(status -> commissions.inCommission(COORDINATOR, "leeds",
                () -> jdbc.sql("SELECT 1").query(Integer.class).single())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction of its own");
    }

    private static DataSource leedsOwner() {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), leedsServer.jdbcUrl("leeds_commission"),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    private static List<String> schemas(DataSource owner) {
        return JdbcClient.create(owner).sql("SELECT schema_name FROM information_schema.schemata").query(String.class).list();
    }

    private static List<String> notes(DataSource owner, String schema) {
        return JdbcClient.create(owner).sql("SELECT body FROM " + schema + ".note").query(String.class).list();
    }
}
