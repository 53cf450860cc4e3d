package org.chorus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.chorus.commissions.v1.ExperimentMoved;
import org.chorus.commissions.v1.Interpreter;
import org.chorus.payments.v1.ClaimChanged;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.reporting.impact.ImpactService;
import org.chorus.reporting.readmodel.FeedEvent.Feed;
import org.chorus.reporting.readmodel.ReadModelService;
import org.chorus.reporting.v1.GetImpactRequest;
import org.chorus.reporting.v1.Impact;
import org.chorus.reporting.v1.ReportingServiceGrpc;
import org.chorus.reporting.v1.ReportingServiceGrpc.ReportingServiceBlockingStub;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The reporting benchmark: a synthetic network (commissions × years of sessions, attendance, claims paid and
 * experiments, with commissions of every size, so some figures are small) read from its feeds into the read models,
 * then the year's tables published (what the clock does after each change), and a network roll-up of every measure for
 * a year and one commission's dashboard, asked again and again over the in-process transport as a coordinator. Prints one {@code reporting-bench:} line. In CI it runs small
 * (10 commissions × 1 year); the size is {@code ./chorus bench reporting} (100 × 5). Its own database, so no
 * other test sees its commissions.
 */
@SpringBootTest(properties = "chorus.reporting.read-feeds-after=1h")
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "reporting_bench")
@UseRealKeycloak
@Import(FeedStandIns.class)
class ReportingBenchTest {

    static final int COMMISSIONS = Integer.getInteger("reporting.bench.commissions", 10);
    static final int YEARS = Integer.getInteger("reporting.bench.years", 1);
    static final int ASKS = Integer.getInteger("reporting.bench.asks", 40);

    @Autowired
    ReadModelService readModels;
    @Autowired
    CommissionSchemaProvisioner schemas;
    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    ImpactService impact;

    @Test
    void aNetworkOfCommissionsAndYears() {
        FeedStandIns.clear();
        int lastYear = LocalDate.now(ZoneOffset.UTC).getYear() - 1;
        int firstYear = lastYear - YEARS + 1;
        Random random = new Random(20261206);
        List<String> commissions = new ArrayList<>();
        long events = 0;
        for (int c = 1; c <= COMMISSIONS; c++) {
            String commission = "bench-%03d".formatted(c);
            commissions.add(commission);
            schemas.provision(commission);
            events += activity(commission, firstYear, lastYear, 4 + random.nextInt(28), random);
        }

        long begin = System.nanoTime();
        for (String commission : commissions) {
            for (Feed feed : Feed.values()) {
                readModels.follow(feed, commission);
            }
            readModels.refreshFigures(commission);
        }
        double buildSeconds = (System.nanoTime() - begin) / 1e9;

        ReportingServiceBlockingStub amara = ReportingServiceGrpc.newBlockingStub(channels.createChannel("reporting"))
                .withInterceptors(Bearer.token(RealKeycloak.get().passwordToken("amara", "demo-password")));
        GetImpactRequest network = GetImpactRequest.newBuilder().setName("network/impact").setPeriod(Integer.toString(lastYear)).build();
        // What the clock does after the figures change (PublishAheadReconciler): disclosure control over the whole year.
        long publishBegin = System.nanoTime();
        impact.publishAhead(lastYear + 1);
        double publishMs = (System.nanoTime() - publishBegin) / 1e6;
        Impact first = amara.getImpact(network);
        assertThat(first.getFiguresCount()).as("every measure").isEqualTo(org.chorus.reporting.v1.Measure.values().length - 2);
        double[] networkMs = time(() -> amara.getImpact(network));
        GetImpactRequest one = GetImpactRequest.newBuilder().setName("commissions/bench-004/impact").setPeriod(Integer.toString(lastYear)).build();
        double[] commissionMs = time(() -> amara.getImpact(one));

        System.out.printf("reporting-bench: commissions=%d years=%d events=%d build_events_per_s=%.0f publish_year_ms=%.0f"
                        + " network_p50_ms=%.2f network_p95_ms=%.2f commission_p50_ms=%.2f commission_p95_ms=%.2f%n",
                COMMISSIONS, YEARS, events, events / buildSeconds, publishMs, percentile(networkMs, 50), percentile(networkMs, 95),
                percentile(commissionMs, 50), percentile(commissionMs, 95));
    }

    /** A commission's years, into the stand-in feeds: two sessions a month, each with most of its people; claims paid for each. */
    private static long activity(String commission, int firstYear, int lastYear, int people, Random random) {
        long commissionSequence = 0;
        long paymentSequence = 0;
        for (int year = firstYear; year <= lastYear; year++) {
            for (int month = 1; month <= 12; month++) {
                for (int day : new int[] {8, 22}) {
                    Instant start = LocalDate.of(year, month, day).atTime(10, 0).toInstant(ZoneOffset.UTC);
                    String session = "s-%d-%02d-%02d".formatted(year, month, day);
                    FeedStandIns.commissions(commission, ++commissionSequence, "session.created", TwoCommissions.session(commission, session),
                            start.minusSeconds(1_209_600), TwoCommissions.session(start, random.nextInt(4) == 0, random.nextBoolean(),
                                    random.nextInt(5) == 0 ? Interpreter.Kind.BSL : Interpreter.Kind.NONE));
                    for (int p = 1; p <= people; p++) {
                        if (random.nextInt(10) < 7) {
                            FeedStandIns.commissions(commission, ++commissionSequence, "session.attendance_recorded",
                                    TwoCommissions.session(commission, session), start,
                                    TwoCommissions.attendance(commission, session, "m" + p, 120, start));
                            FeedStandIns.payments(commission, ++paymentSequence, "claim.paid",
                                    "commissions/" + commission + "/claims/" + session + "-m" + p, start.plusSeconds(604_800),
                                    ClaimChanged.newBuilder().setMember("commissions/" + commission + "/members/m" + p).setKind("TIME")
                                            .setAmountPence(2_690).setMinutes(120).setState("PAID").build());
                        }
                    }
                }
                if (month % 3 == 0) {
                    FeedStandIns.commissions(commission, ++commissionSequence, "experiment.moved",
                            "commissions/" + commission + "/experiments/ex-" + year + "-" + month,
                            LocalDate.of(year, month, 15).atStartOfDay().toInstant(ZoneOffset.UTC),
                            ExperimentMoved.newBuilder().setFromStatus("PLANNED").setToStatus("RUNNING").build());
                }
            }
        }
        return commissionSequence + paymentSequence;
    }

    private static double[] time(Runnable ask) {
        double[] ms = new double[ASKS];
        for (int i = 0; i < ASKS; i++) {
            long begin = System.nanoTime();
            ask.run();
            ms[i] = (System.nanoTime() - begin) / 1e6;
        }
        return ms;
    }

    private static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
