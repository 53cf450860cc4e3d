package org.chorus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.reporting.TwoCommissions.LEEDS;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violatedFields;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.reporting.readmodel.ReadModelService;
import org.chorus.reporting.v1.ApproveOutcomeRequest;
import org.chorus.reporting.v1.CreateOutcomeRequest;
import org.chorus.reporting.v1.ExportImpactTableRequest;
import org.chorus.reporting.v1.Figure;
import org.chorus.reporting.v1.GetImpactRequest;
import org.chorus.reporting.v1.GetImpactSeriesRequest;
import org.chorus.reporting.v1.Impact;
import org.chorus.reporting.v1.ListOutcomesRequest;
import org.chorus.reporting.v1.Measure;
import org.chorus.reporting.v1.Outcome;
import org.chorus.reporting.v1.ReportingServiceGrpc;
import org.chorus.reporting.v1.ReportingServiceGrpc.ReportingServiceBlockingStub;
import org.chorus.reporting.v1.TurnDownOutcomeRequest;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The reporting API over the in-process gRPC transport, on a real PostgreSQL and a real Keycloak, with the two
 * commissions' feeds read: who may read what (a commission's people, its dashboard, the network's coordinator and
 * dashboard), figures too small to show hidden with whatever they could be worked out from, outcomes counted only once
 * approved, the CSV the same as the API, and bad requests answered with what to fix.
 */
@SpringBootTest(properties = "chorus.reporting.read-feeds-after=1h")
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "reporting")
@UseRealKeycloak
@Import(FeedStandIns.class)
class ReportingGrpcServiceTest {

    static final String LEEDS_IMPACT = "commissions/leeds/impact";
    /** Each caller's token, asked for once (they last five minutes). */
    static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    ReadModelService readModels;
    @Autowired
    org.chorus.reporting.impact.ImpactService impactService;
    @Autowired
    CommissionSchemaProvisioner schemas;

    final TwoCommissions network = new TwoCommissions();

    @BeforeEach
    void twoCommissionsRead() {
        network.startAfresh(schemas);
        readEverything();
    }

    @Test
    void aCommissionsPeopleAndItsDashboardReadItsImpactAndOnlyTheNetworksReadTheNetwork() {
        for (String caller : List.of("amara", "dev", "fin", "sam", "dashboard", "leeds-dashboard")) {
            Impact impact = as(caller).getImpact(impact(LEEDS_IMPACT, "2026-Q1"));
            assertThat(impact.getName()).isEqualTo(LEEDS_IMPACT);
            assertThat(figure(impact, Measure.SESSIONS_HELD).getText()).as(caller).isEqualTo("3");
        }
        assertThat(as("amara").getImpact(impact("network/impact", "2026")).getName()).isEqualTo("network/impact");
        assertThat(as("dashboard").getImpact(impact("network/impact", "2026")).getName()).isEqualTo("network/impact");
        for (String caller : List.of("dev", "sam", "leeds-dashboard")) {
            assertThatThrownBy(() -> as(caller).getImpact(impact("network/impact", "2026"))).as(caller)
                    .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        }
        Impact leeds = as("leeds-dashboard").getImpact(impact(LEEDS_IMPACT, "2026"));
        assertThat(leeds.getCreditsList()).as("the names people chose, of those who agreed").containsExactly("Ada Lovelace", "Sam");
        assertThat(as("amara").getImpact(impact("network/impact", "2026")).getCreditsList()).isEmpty();
        FeedStandIns.DOWN.add("membership");
        Impact withoutNames = as("sam").getImpact(impact(LEEDS_IMPACT, "2026"));
        assertThat(withoutNames.getCreditsUnavailable()).isTrue();
        assertThat(withoutNames.getFiguresList()).as("the figures are complete all the same").isEqualTo(leeds.getFiguresList());
        FeedStandIns.DOWN.clear();
        assertThatThrownBy(() -> as("leeds-dashboard").getImpact(impact("commissions/salford/impact", "2026")))
                .as("a commission's dashboard reads only its own commission")
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> as("priya").getImpact(impact(LEEDS_IMPACT, "2026")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> as("leeds-dashboard").listOutcomes(ListOutcomesRequest.newBuilder().setParent("commissions/leeds").build()))
                .as("dashboards read aggregates only").satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void aSmallFigureIsHiddenAndSoIsWhateverItCouldBeWorkedOutFrom() {
        Impact leedsJanuary = as("amara").getImpact(impact(LEEDS_IMPACT, "2026-01"));
        Impact salfordJanuary = as("amara").getImpact(impact("commissions/salford/impact", "2026-01"));
        Impact networkJanuary = as("amara").getImpact(impact("network/impact", "2026-01"));

        assertThat(figure(salfordJanuary, Measure.PEOPLE_TAKING_PART).getShown()).as("four people").isEqualTo(Figure.Shown.HIDDEN);
        assertThat(figure(salfordJanuary, Measure.PEOPLE_TAKING_PART).getText()).isEqualTo("not shown");
        assertThat(figure(salfordJanuary, Measure.SESSIONS_HELD).getText()).as("a count of sessions is not about people").isEqualTo("1");
        Figure leeds = figure(leedsJanuary, Measure.PEOPLE_TAKING_PART);
        Figure all = figure(networkJanuary, Measure.PEOPLE_TAKING_PART);
        assertThat(leeds.getShown() == Figure.Shown.EXACT && all.getShown() == Figure.Shown.EXACT)
                .as("Leeds's 12 and the network's 16 together would give Salford's 4: at least one is hidden")
                .isFalse();
        assertThat(figure(as("amara").getImpact(impact(LEEDS_IMPACT, "2026-02")), Measure.PEOPLE_TAKING_PART).getShown())
                .as("three people in February").isEqualTo(Figure.Shown.HIDDEN);
        assertThat(leedsJanuary.getDisclosureRule()).isEqualTo(
                "Figures about fewer than 10 people are not shown, nor any figure they could be worked out from.");
        assertThat(leedsJanuary.getSummaryList()).doesNotContain("12").noneMatch(line -> line.contains("4 people") || line.contains("3 people"));
    }

    @Test
    void aSeriesAndTheCsvShowTheSameFiguresAsTheImpact() {
        var series = as("dashboard").getImpactSeries(GetImpactSeriesRequest.newBuilder().setName(LEEDS_IMPACT)
                .setMeasure(Measure.SESSIONS_HELD).setInterval(GetImpactSeriesRequest.Interval.MONTH)
                .setStartPeriod("2025-12").setEndPeriod("2026-03").build());
        assertThat(series.getPointsList()).extracting(p -> p.getPeriod() + " " + p.getFigure().getText())
                .containsExactly("2025-12 0", "2026-01 2", "2026-02 1", "2026-03 0");

        String csv = as("amara").exportImpactTable(ExportImpactTableRequest.newBuilder().setName("network/impact")
                .setTable("PEOPLE_TAKING_PART").setYear(2026).build()).getContent().toString(StandardCharsets.UTF_8);
        List<String> rows = List.of(csv.split("\r\n"));
        assertThat(rows.getFirst()).isEqualTo("Period,leeds,salford,Network");
        assertThat(rows).hasSize(18);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            Impact each = as("amara").getImpact(impact(LEEDS_IMPACT, cells[0]));
            Impact all = as("amara").getImpact(impact("network/impact", cells[0]));
            assertThat(cells[1]).as(row).isEqualTo(figure(each, Measure.PEOPLE_TAKING_PART).getText());
            assertThat(cells[3]).as(row).isEqualTo(figure(all, Measure.PEOPLE_TAKING_PART).getText());
        }
    }

    @Test
    void anOutcomeCountsOnlyOnceACoordinatorApprovesItAndAStoryOnlyWithItsMembersAgreement() {
        Outcome proposed = as("dev").createOutcome(outcome(Outcome.Kind.OUTCOME, "Bus passes for appointments", null));
        assertThat(proposed.getState()).isEqualTo(Outcome.State.PROPOSED);
        assertThat(as("dev").createOutcome(outcome(Outcome.Kind.OUTCOME, "Bus passes for appointments", null)).getName())
                .isNotEqualTo(proposed.getName());
        readEverything();
        assertThat(as("sam").getImpact(impact(LEEDS_IMPACT, "2026")).getOutcomesList()).as("not approved yet").isEmpty();

        assertThatThrownBy(() -> as("dev").approveOutcome(ApproveOutcomeRequest.newBuilder().setName(proposed.getName()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        Outcome approved = as("amara").approveOutcome(ApproveOutcomeRequest.newBuilder().setName(proposed.getName()).build());
        assertThat(approved.getState()).isEqualTo(Outcome.State.APPROVED);
        assertThatThrownBy(() -> as("amara").turnDownOutcome(TurnDownOutcomeRequest.newBuilder().setName(proposed.getName())
                .setReason("Too soon").build())).satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "OUTCOME_DECIDED"));
        readEverything();
        String thisYear = Integer.toString(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
        Impact now = as("sam").getImpact(impact(LEEDS_IMPACT, thisYear));
        assertThat(now.getOutcomesList()).extracting(Outcome::getTitle).containsExactly("Bus passes for appointments");
        assertThat(figure(now, Measure.OUTCOMES_APPROVED).getText()).isEqualTo("1");

        assertThatThrownBy(() -> as("dev").createOutcome(outcome(Outcome.Kind.STORY, "Sam's story", "commissions/leeds/members/p2")))
                .as("p2 has not agreed").satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NO_STORY_CONSENT"));
        Outcome story = as("dev").createOutcome(outcome(Outcome.Kind.STORY, "How the bus pass changed my week", "commissions/leeds/members/p1"));
        as("amara").approveOutcome(ApproveOutcomeRequest.newBuilder().setName(story.getName()).build());
        assertThat(as("sam").getImpact(impact(LEEDS_IMPACT, thisYear)).getOutcomesList()).hasSize(2);

        FeedStandIns.membership(LEEDS, 6, "consent.withdrawn", "commissions/leeds/members/p1/consents/SHARING_THEIR_STORY",
                java.time.Instant.now(), org.chorus.membership.v1.ConsentChanged.newBuilder()
                        .setPurpose(org.chorus.membership.v1.ConsentPurpose.SHARING_THEIR_STORY).setGiven(false).build());
        readEverything();
        assertThat(as("sam").getImpact(impact(LEEDS_IMPACT, thisYear)).getOutcomesList()).as("p1 took their agreement back")
                .extracting(Outcome::getTitle).containsExactly("Bus passes for appointments");
    }

    @Test
    void theWordsForMembersSpeakToAMemberWhoTookPartAndGiveNoHiddenFigure() {
        String sam = subjectOf(TOKENS.computeIfAbsent("sam", who -> RealKeycloak.get().passwordToken(who, "demo-password")));
        List<org.chorus.commissions.v1.CommissionEvent> feed = FeedStandIns.COMMISSIONS.get(LEEDS);
        FeedStandIns.commissions(LEEDS, feed.getLast().getSequence() + 1, "session.attendance_recorded",
                TwoCommissions.session(LEEDS, "s-feb-1"), TwoCommissions.FEB_07,
                TwoCommissions.attendance(LEEDS, "s-feb-1", sam, 60, TwoCommissions.FEB_07));
        readEverything();

        assertThat(as("sam").getImpact(impact(LEEDS_IMPACT, "2026-02")).getSummary(0))
                .as("four people in February: too few to count, so not counted").isEqualTo("You took part in the 1 session held.");
        assertThat(as("dev").getImpact(impact(LEEDS_IMPACT, "2026-02")).getSummary(0)).isEqualTo("1 session was held.");
        assertThat(as("sam").getImpact(impact(LEEDS_IMPACT, "2026-01")).getSummary(0)).as("sam came in February only")
                .isEqualTo(as("dev").getImpact(impact(LEEDS_IMPACT, "2026-01")).getSummary(0));
    }

    @Test
    void badRequestsAreAnsweredWithWhatToFix() {
        assertThatThrownBy(() -> as("amara").getImpact(impact(LEEDS_IMPACT, "2026-13")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_REPORT_REQUEST");
                    assertThat(violatedFields(e)).containsExactly("period");
                });
        assertThatThrownBy(() -> as("amara").getImpactSeries(GetImpactSeriesRequest.newBuilder().setName(LEEDS_IMPACT)
                .setMeasure(Measure.HOURS_GIVEN).setInterval(GetImpactSeriesRequest.Interval.YEAR).setStartPeriod("2026").setEndPeriod("2025")
                .build())).satisfies(e -> assertThat(violatedFields(e)).containsExactly("end_period"));
        assertThatThrownBy(() -> as("amara").getImpactSeries(GetImpactSeriesRequest.newBuilder().setName(LEEDS_IMPACT)
                .setMeasure(Measure.HOURS_GIVEN).setInterval(GetImpactSeriesRequest.Interval.MONTH).setStartPeriod("2010-01")
                .setEndPeriod("2026-01").build())).as("more than ten years").satisfies(e -> assertThat(violatedFields(e)).containsExactly("end_period"));
        assertThatThrownBy(() -> as("amara").getImpactSeries(GetImpactSeriesRequest.newBuilder().setName(LEEDS_IMPACT)
                .setInterval(GetImpactSeriesRequest.Interval.QUARTER).setStartPeriod("2026-01").setEndPeriod("2026-Q2").build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactlyInAnyOrder("measure", "start_period"));
        assertThatThrownBy(() -> as("amara").exportImpactTable(ExportImpactTableRequest.newBuilder().setName(LEEDS_IMPACT)
                .setTable("FAVOURITE_COLOURS").setYear(2026).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_REPORT_REQUEST");
                    assertThat(violatedFields(e)).containsExactly("table");
                });
        assertThatThrownBy(() -> as("amara").getImpact(impact("commissions/nowhere/impact", "2026")))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "COMMISSION_NOT_FOUND"));
        assertThatThrownBy(() -> as("dev").createOutcome(CreateOutcomeRequest.newBuilder().setParent("commissions/leeds")
                .setOutcome(Outcome.newBuilder().setKind(Outcome.Kind.OUTCOME).setMember("commissions/leeds/members/p1")).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_OUTCOME");
                    assertThat(violatedFields(e)).containsExactlyInAnyOrder("outcome.title", "outcome.description", "outcome.member");
                });
    }

    /** What the clock does: read every feed, work out the figures, and publish the changed ones. */
    private void readEverything() {
        network.readEverything(readModels);
        impactService.publishAhead(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
    }

    private static GetImpactRequest impact(String name, String period) {
        return GetImpactRequest.newBuilder().setName(name).setPeriod(period).build();
    }

    private static CreateOutcomeRequest outcome(Outcome.Kind kind, String title, String member) {
        Outcome.Builder outcome = Outcome.newBuilder().setKind(kind).setTitle(title).setDescription("What changed, and for whom.");
        if (member != null) {
            outcome.setMember(member);
        }
        return CreateOutcomeRequest.newBuilder().setParent("commissions/leeds").setOutcome(outcome).setRequestId(UUID.randomUUID().toString())
                .build();
    }

    private static Figure figure(Impact impact, Measure measure) {
        return impact.getFiguresList().stream().filter(f -> f.getMeasure() == measure).findFirst().orElseThrow();
    }

    private static String subjectOf(String token) {
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asString();
    }

    private ReportingServiceBlockingStub as(String caller) {
        String token = TOKENS.computeIfAbsent(caller, who -> switch (who) {
            case "dashboard" -> RealKeycloak.get().clientCredentialsToken("chorus-dashboard", "chorus-dashboard-dev-secret");
            case "leeds-dashboard" -> RealKeycloak.get().clientCredentialsToken("chorus-dashboard-leeds", "chorus-dashboard-leeds-dev-secret");
            default -> RealKeycloak.get().passwordToken(who, "demo-password");
        });
        return ReportingServiceGrpc.newBlockingStub(channels.createChannel("reporting")).withInterceptors(Bearer.token(token));
    }
}
