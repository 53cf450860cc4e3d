package org.chorus.platform.tenancy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sets up a commission in one service: its role, its schema and its tables (Flyway, from
 * {@code db/commission}), and lets the service's login role take that role inside a transaction
 * ({@code WITH INHERIT FALSE, SET TRUE}: the login role reads nothing of it by itself). Runs as the
 * database owner (the Flyway user), never as the application's login role, in the commission's
 * database ({@link CommissionDatabases}: the service's own, or one of its own, where the login role
 * is made too if that server has none). Safe to run again.
 *
 * <p>At start-up every commission already set up may be behind the newest migrations ({@link #markBehind}): each is
 * brought up to date before its next piece of work ({@link #ensureUpToDate}) or by the start-up job
 * ({@link CommissionSchemasUpToDate}), whichever comes first, and once only.
 *
 * <p>Each set-up is timed ({@value #SETUP_METRIC}, tagged {@code reason}: {@code open} when asked to set a commission up,
 * {@code up_to_date} when bringing one up to date after a start), with a histogram and a bucket at
 * {@link #SETUP_TARGET}: the network's promise is that a new commission is ready in every service within two seconds
 * however many commissions there are, and this is where that is measured (the scale suite reads it).
 */
public final class CommissionSchemaProvisioner {

    /** What every service's commission schema has: the outbox and request ids (repeatable, after the service's own). */
    static final String PLATFORM_MIGRATIONS = "classpath:db/commission-platform";
    /** How long setting one commission up took in this service (Prometheus: {@code chorus_commission_setup_seconds}). */
    public static final String SETUP_METRIC = "chorus.commission.setup";
    /** The longest a commission may take to be set up in one service (issue #17); the histogram has a bucket there. */
    public static final Duration SETUP_TARGET = Duration.ofSeconds(2);

    private final String service;
    private final CommissionDatabases databases;
    private final String migrations;
    /** The commissions that may be behind the newest migrations, each with the lock its bringing up to date takes. */
    private final Map<String, Object> behind = new ConcurrentHashMap<>();
    private final Timer opened;
    private final Timer broughtUpToDate;

    /**
     * @param service    the service's short name, e.g. {@code payments}
     * @param databases  where each commission's data lives, with the owner's and the application's logins
     * @param migrations where the per-commission migrations are, e.g. {@code classpath:db/commission}
     * @param meters     where each set-up's time is recorded
     */
    public CommissionSchemaProvisioner(String service, CommissionDatabases databases, String migrations, MeterRegistry meters) {
        this.service = service;
        this.databases = databases;
        this.migrations = migrations;
        this.opened = setUpTimer(meters, "open");
        this.broughtUpToDate = setUpTimer(meters, "up_to_date");
    }

    /** Sets the commission up (or makes sure it is: safe to repeat), and returns once it is ready in this service. */
    public CommissionSchema provision(String commissionId) {
        return opened.record(() -> setUp(commissionId));
    }

    private static Timer setUpTimer(MeterRegistry meters, String reason) {
        return Timer.builder(SETUP_METRIC)
                .description("Setting a commission up in this service: its role, schema and migrations")
                .tag("reason", reason)
                .publishPercentileHistogram()
                .serviceLevelObjectives(SETUP_TARGET)
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    private CommissionSchema setUp(String commissionId) {
        CommissionSchema target = CommissionSchema.of(service, commissionId);
        DataSource owner = databases.ownerOf(commissionId);
        String applicationRole = databases.application().user();
        JdbcClient jdbc = JdbcClient.create(owner);
        new TransactionTemplate(new DataSourceTransactionManager(owner)).executeWithoutResult(status -> {
            // Two provisioners at once (two replicas) take turns.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:role))").param("role", target.role()).query().singleRow();
            if (databases.isDedicated(commissionId)) {
                ensureLoginRole(jdbc, applicationRole);
            }
            boolean exists = jdbc.sql("SELECT count(*) FROM pg_roles WHERE rolname = :role")
                    .param("role", target.role()).query(Long.class).single() > 0;
            if (!exists) {
                jdbc.sql("CREATE ROLE " + target.quotedRole() + " NOLOGIN").update();
            }
            jdbc.sql("GRANT " + target.quotedRole() + " TO \"" + applicationRole + "\" WITH INHERIT FALSE, SET TRUE").update();
            jdbc.sql("CREATE SCHEMA IF NOT EXISTS " + target.quotedSchema() + " AUTHORIZATION " + target.quotedRole()).update();
        });
        Flyway.configure()
                .dataSource(owner)
                .schemas(target.schema())
                .defaultSchema(target.schema())
                .createSchemas(false)
                // The service's own migrations, then what every service's commission schema has.
                .locations(migrations, PLATFORM_MIGRATIONS)
                // A migration may name its commission (${commission}), to write whole resource names.
                .placeholders(java.util.Map.of("commission", commissionId))
                // Everything the migrations make belongs to the commission's role, not the owner.
                .initSql("SET ROLE " + target.quotedRole())
                .load()
                .migrate();
        JdbcClient.create(databases.serviceOwner()).sql("""
                        INSERT INTO network.provisioned_commission (commission_id, schema_name, provision_time)
                        VALUES (:id, :schema, now()) ON CONFLICT (commission_id) DO NOTHING""")
                .param("id", commissionId)
                .param("schema", target.schema())
                .update();
        behind.remove(commissionId);
        return target;
    }

    /** Notes commissions whose schemas may be behind the newest migrations (those set up before this start). */
    public void markBehind(Collection<String> commissionIds) {
        commissionIds.forEach(id -> behind.putIfAbsent(id, new Object()));
    }

    /** Brings the commission's schema up to date first if it may be behind; returns at once otherwise. */
    public void ensureUpToDate(String commissionId) {
        Object lock = behind.get(commissionId);
        if (lock == null) {
            return;
        }
        synchronized (lock) {
            if (behind.containsKey(commissionId)) {
                broughtUpToDate.record(() -> setUp(commissionId));
            }
        }
    }

    /** How many commissions may still be behind. */
    public int behind() {
        return behind.size();
    }

    /** The application's login role, as the service's own database has it, on a server that has none yet. */
    private void ensureLoginRole(JdbcClient jdbc, String applicationRole) {
        // The name and password travel as settings of this transaction, never spliced into SQL text.
        jdbc.sql("SELECT set_config('chorus.login_role', :role, true), set_config('chorus.login_password', :password, true)")
                .param("role", applicationRole).param("password", databases.application().password()).query().singleRow();
        jdbc.sql("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = current_setting('chorus.login_role')) THEN
                        EXECUTE format('CREATE ROLE %I LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L',
                                current_setting('chorus.login_role'), current_setting('chorus.login_password'));
                    END IF;
                END
                $$""").update();
    }
}
