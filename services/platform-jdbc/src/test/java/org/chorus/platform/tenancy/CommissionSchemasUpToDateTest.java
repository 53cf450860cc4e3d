package org.chorus.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.testrig.RealPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Commissions whose schemas are behind the newest migrations (made here by taking a migration back: its table
 * dropped and its history row deleted) are brought up to date by the start-up job in the background, and a
 * commission called before the job reaches it is brought up to date first, on that call: it never answers from an
 * old schema, and the service does not wait for every commission before it is ready.
 */
class CommissionSchemasUpToDateTest {

    private static final String SERVICE = "uptodatetest";
    private static final List<String> COMMISSIONS = List.of("north", "south", "east");
    private static final Caller COORDINATOR = new Caller("s-coordinator", Optional.empty(), Set.of(Role.COORDINATOR), Map.of());

    private static TenancyTestDatabase database;
    private static JdbcClient owner;

    @BeforeAll
    static void setUp() {
        database = TenancyTestDatabase.of(SERVICE, "up_to_date_test", 2, COMMISSIONS.toArray(String[]::new));
        owner = JdbcClient.create(RealPostgres.get().ownerDataSource("up_to_date_test"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    /** Each commission's schema as it was before its first migration: no note table, no record of V1. */
    @BeforeEach
    void schemasBehind() {
        for (String commission : COMMISSIONS) {
            String schema = CommissionSchema.of(SERVICE, commission).quotedSchema();
            owner.sql("DROP TABLE IF EXISTS " + schema + ".note").update();
            owner.sql("DELETE FROM " + schema + ".flyway_schema_history WHERE version = '1'").update();
        }
    }

    @Test
    void aCommissionCalledBeforeTheJobReachesItIsBroughtUpToDateFirst() {
        database.provisioner().markBehind(COMMISSIONS);

        long notes = database.transactions().inCommission(COORDINATOR, "south",
                () -> database.jdbc().sql("SELECT count(*) FROM note").query(Long.class).single());

        assertThat(notes).as("the note table is back before the work runs").isZero();
        assertThat(database.provisioner().behind()).as("the others wait for the job").isEqualTo(2);
        assertThat(hasNotes("north")).isFalse();
    }

    @Test
    void theStartUpJobBringsEveryCommissionUpToDateInTheBackground() throws Exception {
        new CommissionSchemasUpToDate(database.transactions(), database.provisioner()).run(null);

        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (database.provisioner().behind() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(database.provisioner().behind()).isZero();
        assertThat(COMMISSIONS).allSatisfy(commission -> assertThat(hasNotes(commission)).as(commission).isTrue());
    }

    /** The scale suite reads these times: a new commission and one brought up to date are told apart, and 2 s is a bucket. */
    @Test
    void eachSetUpIsTimedWithWhyItRan() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var provisioner = new CommissionSchemaProvisioner(SERVICE, database.databases(), "classpath:db/commission-test", meters);

        provisioner.provision("west");
        provisioner.markBehind(List.of("north"));
        provisioner.ensureUpToDate("north");
        provisioner.ensureUpToDate("north");

        Timer opened = meters.get(CommissionSchemaProvisioner.SETUP_METRIC).tag("reason", "open").timer();
        Timer upToDate = meters.get(CommissionSchemaProvisioner.SETUP_METRIC).tag("reason", "up_to_date").timer();
        assertThat(opened.count()).isEqualTo(1);
        assertThat(opened.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(upToDate.count()).as("once only: the second call finds it up to date").isEqualTo(1);
        assertThat(hasNotes("north")).isTrue();
        assertThat(Arrays.stream(opened.takeSnapshot().histogramCounts()).map(CountAtBucket::bucket))
                .contains((double) CommissionSchemaProvisioner.SETUP_TARGET.toNanos());
    }

    private static boolean hasNotes(String commission) {
        return owner.sql("SELECT to_regclass(:table) IS NOT NULL")
                .param("table", CommissionSchema.of(SERVICE, commission).schema() + ".note").query(Boolean.class).single();
    }
}
