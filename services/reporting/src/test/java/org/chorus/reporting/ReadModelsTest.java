package org.chorus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.reporting.TwoCommissions.LEEDS;
import static org.chorus.reporting.TwoCommissions.SALFORD;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.payments.v1.ClaimChanged;
import org.chorus.payments.v1.ClaimCorrectionToCheck;
import org.chorus.payments.v1.ClaimReversed;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.reporting.readmodel.FeedEvent.Feed;
import org.chorus.reporting.readmodel.ReadModelService;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Reporting's read models, built from the three feeds (stand-ins in the in-process server) on a real PostgreSQL: the
 * figures count each event once, whatever is read again, rebuilt, or fails half-way; a service that is down only
 * delays them.
 */
@SpringBootTest(properties = "chorus.reporting.read-feeds-after=1h")
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "reporting")
@UseRealKeycloak
@Import(FeedStandIns.class)
class ReadModelsTest {

    @Autowired
    ReadModelService readModels;
    @Autowired
    CommissionSchemaProvisioner schemas;

    final TwoCommissions network = new TwoCommissions();

    @BeforeEach
    void twoCommissionsWithAYearOfActivity() {
        network.startAfresh(schemas);
    }

    @Test
    void theFiguresCountWhatHappenedEachEventOnce() {
        network.readEverything(readModels);

        Map<String, String> leeds = cells(LEEDS);
        assertThat(leeds).containsEntry("SESSIONS_HELD 2026-01", "2").containsEntry("SESSIONS_HELD 2026-02", "1")
                .as("the March session was cancelled").doesNotContainKey("SESSIONS_HELD 2026-03").containsEntry("SESSIONS_HELD 2026-Q1", "3")
                .containsEntry("SESSIONS_STEP_FREE 2026-01", "1").containsEntry("SESSIONS_WITH_INTERPRETER 2026-01", "1")
                .containsEntry("SESSIONS_ONLINE 2026-01", "1")
                .containsEntry("PEOPLE_TAKING_PART 2026-01", "12 people=12").containsEntry("PEOPLE_TAKING_PART 2026-02", "3 people=3")
                .as("people are counted once in a quarter, however often they came").containsEntry("PEOPLE_TAKING_PART 2026-Q1", "12 people=12")
                .as("(12×120 + 11×90) minutes is 40.5 hours").containsEntry("HOURS_GIVEN 2026-01", "40 people=12")
                .containsEntry("HOURS_GIVEN 2026-Q1", "46 people=12").containsEntry("HOURS_GIVEN 2026", "46 people=12")
                .containsEntry("HOURS_PAID 2026-02", "24 people=12").containsEntry("POUNDS_PAID 2026-02", "322 people=12")
                .containsEntry("EXPERIMENTS_STARTED 2026-01", "1")
                .as("p1 and p2 from the council, p3 from the food bank, the rest from none")
                .containsEntry("ORGANISATIONS_INVOLVED 2026-01", "2").containsEntry("ORGANISATIONS_INVOLVED 2026-Q1", "2")
                .as("nobody has been coming for six months yet").doesNotContainKey("PEOPLE_STAYING_SIX_MONTHS 2026");
        assertThat(cells(SALFORD)).containsEntry("PEOPLE_TAKING_PART 2026-01", "4 people=4").containsEntry("SESSIONS_HELD 2026", "1");
    }

    @Test
    void readingAFeedAgainFromTheStartChangesNoFigure() {
        network.readEverything(readModels);
        Map<String, String> once = cells(LEEDS);

        network.owner.sql("DELETE FROM commission_leeds.feed_cursor").update();
        network.readEverything(readModels);

        assertThat(cells(LEEDS)).isEqualTo(once);
    }

    @Test
    void aRebuildFromZeroEqualsTheFiguresBuiltAsTheFeedsGrew() {
        List<CommissionEvent> all = new ArrayList<>(FeedStandIns.COMMISSIONS.get(LEEDS));
        FeedStandIns.COMMISSIONS.put(LEEDS, new java.util.concurrent.CopyOnWriteArrayList<>(all.subList(0, 10)));
        network.readEverything(readModels);
        FeedStandIns.COMMISSIONS.get(LEEDS).addAll(all.subList(10, 25));
        network.readEverything(readModels);
        FeedStandIns.COMMISSIONS.get(LEEDS).addAll(all.subList(25, all.size()));
        network.readEverything(readModels);
        Map<String, String> grown = cells(LEEDS);

        readModels.forget(LEEDS);
        assertThat(network.owner.sql("SELECT count(*) FROM commission_leeds.attendance_seen").query(Long.class).single()).isZero();
        network.readEverything(readModels);

        assertThat(cells(LEEDS)).isEqualTo(grown).containsEntry("PEOPLE_TAKING_PART 2026-Q1", "12 people=12");
    }

    @Test
    void anEventThatCannotTakeEffectStopsItsFeedThereAndTakesEffectOnceWhenRead() {
        List<CommissionEvent> feed = FeedStandIns.COMMISSIONS.get(LEEDS);
        CommissionEvent good = feed.get(9);
        // A broken event (minutes below zero break a constraint) fails inside its transaction, with its cursor.
        feed.set(9, good.toBuilder().setTypedPayload(com.google.protobuf.Any.pack(TwoCommissions.attendance(LEEDS, "s-jan-1", "p6", -1,
                TwoCommissions.JAN_10))).build());

        assertThatThrownBy(() -> readModels.follow(Feed.COMMISSIONS, LEEDS)).isInstanceOf(RuntimeException.class);
        assertThat(cursor("commissions")).as("the events before it took effect").isEqualTo(9);
        assertThat(network.owner.sql("SELECT count(*) FROM commission_leeds.attendance_seen").query(Long.class).single()).isEqualTo(5);

        feed.set(9, good);
        network.readEverything(readModels);

        assertThat(cursor("commissions")).isEqualTo(feed.size());
        assertThat(cells(LEEDS)).containsEntry("PEOPLE_TAKING_PART 2026-01", "12 people=12").containsEntry("HOURS_GIVEN 2026-01", "40 people=12");
    }

    @Test
    void aServiceThatIsDownDelaysTheFiguresAndNeverCorruptsThem() {
        FeedStandIns.DOWN.add("payments");
        readModels.follow(Feed.COMMISSIONS, LEEDS);
        readModels.follow(Feed.MEMBERSHIP, LEEDS);
        assertThatThrownBy(() -> readModels.follow(Feed.PAYMENTS, LEEDS)).isInstanceOf(RuntimeException.class);
        readModels.refreshFigures(LEEDS);
        assertThat(cells(LEEDS)).containsEntry("PEOPLE_TAKING_PART 2026-01", "12 people=12").doesNotContainKey("POUNDS_PAID 2026-02");

        FeedStandIns.DOWN.clear();
        network.readEverything(readModels);

        assertThat(cells(LEEDS)).containsEntry("POUNDS_PAID 2026-02", "322 people=12");
    }

    @Test
    void claimsCancelledWithdrawnOrCorrectedAreNeverCountedAsPaid() {
        long s = FeedStandIns.PAYMENTS.get(LEEDS).size();
        String c13 = "commissions/leeds/claims/c-13";
        ClaimChanged made = ClaimChanged.newBuilder().setMember("commissions/leeds/members/p13").setKind("TIME").setAmountPence(2690)
                .setMinutes(120).setState("SUBMITTED").build();
        FeedStandIns.payments(LEEDS, ++s, "claim.made", c13, TwoCommissions.FEB_20, made);
        FeedStandIns.payments(LEEDS, ++s, "claim.approved", c13, TwoCommissions.FEB_20, made.toBuilder().setState("APPROVED").setApprovals(2)
                .build());
        FeedStandIns.payments(LEEDS, ++s, "claim.reversed", c13, TwoCommissions.FEB_20, ClaimReversed.newBuilder()
                .setMember(made.getMember()).setKind("TIME").setAmountPence(2690).setMinutes(120).setReversedPence(2690).build());
        FeedStandIns.payments(LEEDS, ++s, "claim.withdrawn", "commissions/leeds/claims/c-14", TwoCommissions.FEB_20,
                made.toBuilder().setMember("commissions/leeds/members/p14").setState("WITHDRAWN").build());
        FeedStandIns.payments(LEEDS, ++s, "claim.corrected", "commissions/leeds/claims/c-15", TwoCommissions.FEB_20,
                made.toBuilder().setMember("commissions/leeds/members/p15").setMinutes(60).setAmountPence(1345).build());
        FeedStandIns.payments(LEEDS, ++s, "claim.correction_to_check", "commissions/leeds/claims/c-1", TwoCommissions.FEB_20,
                ClaimCorrectionToCheck.newBuilder().setMember("commissions/leeds/members/p1").setAmountPence(2690).setMinutes(120)
                        .setAttended(false).build());

        network.readEverything(readModels);

        assertThat(cursor("payments")).as("every event read").isEqualTo(s);
        assertThat(cells(LEEDS)).as("only the twelve claims paid, and c-1 still: it was paid, and nothing is taken back")
                .containsEntry("POUNDS_PAID 2026-02", "322 people=12").containsEntry("HOURS_PAID 2026-02", "24 people=12");
    }

    private long cursor(String feed) {
        return network.owner.sql("SELECT last_sequence FROM commission_leeds.feed_cursor WHERE feed = :feed").param("feed", feed)
                .query(Long.class).optional().orElse(0L);
    }

    /** The commission's non-zero figures in the network's copy: "MEASURE period" → "value" (facts) or "value people=n". */
    private Map<String, String> cells(String commission) {
        Map<String, String> cells = new TreeMap<>();
        network.owner.sql("SELECT measure, period, value, people FROM network.impact_cell WHERE commission_id = :c AND (value <> 0 OR people > 0)")
                .param("c", commission)
                .query((rs, i) -> cells.put(rs.getString(1) + " " + rs.getString(2),
                        rs.getLong(4) < 0 ? Long.toString(rs.getLong(3)) : rs.getLong(3) + " people=" + rs.getLong(4)))
                .list();
        return cells;
    }
}
