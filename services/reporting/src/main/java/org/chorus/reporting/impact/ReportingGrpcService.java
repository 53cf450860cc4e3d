package org.chorus.reporting.impact;

import static org.chorus.platform.grpc.Replies.reply;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.requests.RequestIds;
import org.chorus.platform.security.Callers;
import org.chorus.reporting.outcome.Outcome;
import org.chorus.reporting.outcome.OutcomeService;
import org.chorus.reporting.readmodel.Period;
import org.chorus.reporting.v1.ApproveOutcomeRequest;
import org.chorus.reporting.v1.CreateOutcomeRequest;
import org.chorus.reporting.v1.ExportImpactTableRequest;
import org.chorus.reporting.v1.Figure;
import org.chorus.reporting.v1.GetImpactRequest;
import org.chorus.reporting.v1.GetImpactSeriesRequest;
import org.chorus.reporting.v1.Impact;
import org.chorus.reporting.v1.ImpactSeries;
import org.chorus.reporting.v1.ImpactTable;
import org.chorus.reporting.v1.ListOutcomesRequest;
import org.chorus.reporting.v1.ListOutcomesResponse;
import org.chorus.reporting.v1.Measure;
import org.chorus.reporting.v1.PhaseChange;
import org.chorus.reporting.v1.ReportingServiceGrpc;
import org.chorus.reporting.v1.TurnDownOutcomeRequest;
import org.springframework.grpc.server.service.GrpcService;

/** Reporting's gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class ReportingGrpcService extends ReportingServiceGrpc.ReportingServiceImplBase {

    private static final ResourcePattern COMMISSION_IMPACT = ResourcePattern.of("commissions/{commission}/impact");
    private static final String NETWORK_IMPACT = "network/impact";
    private static final ResourcePattern OUTCOME = ResourcePattern.of("commissions/{commission}/outcomes/{outcome}");

    private final ImpactService impact;
    private final OutcomeService outcomes;

    ReportingGrpcService(ImpactService impact, OutcomeService outcomes) {
        this.impact = impact;
        this.outcomes = outcomes;
    }

    @Override
    public void getImpact(GetImpactRequest request, StreamObserver<Impact> response) {
        Scope scope = scope(request.getName());
        ImpactReport report = impact.impact(Callers.current(), scope, request.getPeriod());
        Impact.Builder proto = Impact.newBuilder()
                .setName(scope.impactName())
                .setPeriod(report.period().toString())
                .addAllFocusIssuesChosen(report.focusIssuesChosen())
                .addAllLearnt(report.learnt())
                .addAllSummary(report.summary())
                .setDisclosureRule(report.disclosureRule())
                .addAllCredits(report.credits())
                .setCreditsUnavailable(report.creditsUnavailable());
        report.figures().forEach(f -> proto.addFigures(figure(f)));
        report.phaseChanges().forEach(p -> proto.addPhaseChanges(PhaseChange.newBuilder().setFromPhase(p.from()).setToPhase(p.to())
                .setChangeTime(ProtoTime.timestamp(p.time()))));
        report.outcomes().forEach(o -> proto.addOutcomes(outcome(scope.commission(), o)));
        if (report.updateTime() != null) {
            proto.setUpdateTime(ProtoTime.timestamp(report.updateTime()));
        }
        reply(response, proto.build());
    }

    @Override
    public void getImpactSeries(GetImpactSeriesRequest request, StreamObserver<ImpactSeries> response) {
        Scope scope = scope(request.getName());
        Period.Length interval = switch (request.getInterval()) {
            case MONTH -> Period.Length.MONTH;
            case QUARTER -> Period.Length.QUARTER;
            case YEAR -> Period.Length.YEAR;
            case INTERVAL_UNSPECIFIED, UNRECOGNIZED -> null;
        };
        var points = impact.series(Callers.current(), scope, measureName(request.getMeasure()), interval, request.getStartPeriod(),
                request.getEndPeriod());
        ImpactSeries.Builder series = ImpactSeries.newBuilder().setName(scope.impactName()).setMeasure(request.getMeasure());
        for (Map.Entry<Period, ShownFigure> point : points) {
            series.addPoints(ImpactSeries.Point.newBuilder().setPeriod(point.getKey().toString()).setFigure(figure(point.getValue())));
        }
        reply(response, series.build());
    }

    @Override
    public void exportImpactTable(ExportImpactTableRequest request, StreamObserver<ImpactTable> response) {
        ImpactService.Csv csv = impact.export(Callers.current(), scope(request.getName()), request.getTable(), request.getYear());
        reply(response, ImpactTable.newBuilder().setFileName(csv.fileName()).setContentType("text/csv")
                .setContent(ByteString.copyFrom(csv.content())).build());
    }

    @Override
    public void createOutcome(CreateOutcomeRequest request, StreamObserver<org.chorus.reporting.v1.Outcome> response) {
        String commission = ResourcePattern.COMMISSION_NAME.parse(request.getParent(), "parent").commission().value();
        var sent = request.getOutcome();
        String member = sent.getMember().isEmpty() ? null : memberId(commission, sent.getMember());
        Outcome.Kind kind = switch (sent.getKind()) {
            case OUTCOME -> Outcome.Kind.OUTCOME;
            case STORY -> Outcome.Kind.STORY;
            case KIND_UNSPECIFIED, UNRECOGNIZED -> null;
        };
        Outcome.Draft draft = new Outcome.Draft(kind, sent.getTitle(), sent.getDescription(), member);
        Outcome made = outcomes.create(Callers.current(), commission, draft, RequestIds.requestId(request.getRequestId()));
        reply(response, outcome(commission, made));
    }

    @Override
    public void listOutcomes(ListOutcomesRequest request, StreamObserver<ListOutcomesResponse> response) {
        String commission = ResourcePattern.COMMISSION_NAME.parse(request.getParent(), "parent").commission().value();
        var page = outcomes.list(Callers.current(), commission, request.getPageSize(), request.getPageToken());
        ListOutcomesResponse.Builder list = ListOutcomesResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(o -> list.addOutcomes(outcome(commission, o)));
        reply(response, list.build());
    }

    @Override
    public void approveOutcome(ApproveOutcomeRequest request, StreamObserver<org.chorus.reporting.v1.Outcome> response) {
        var name = OUTCOME.parse(request.getName(), "name");
        String commission = name.commission().value();
        reply(response, outcome(commission, outcomes.approve(Callers.current(), commission, name.last())));
    }

    @Override
    public void turnDownOutcome(TurnDownOutcomeRequest request, StreamObserver<org.chorus.reporting.v1.Outcome> response) {
        var name = OUTCOME.parse(request.getName(), "name");
        String commission = name.commission().value();
        reply(response, outcome(commission, outcomes.turnDown(Callers.current(), commission, name.last(), request.getReason())));
    }

    private static Scope scope(String name) {
        return NETWORK_IMPACT.equals(name) ? Scope.NETWORK : new Scope(COMMISSION_IMPACT.parse(name, "name").commission().value());
    }

    /** The member's id from their name, which must be in the same commission. */
    private static String memberId(String commission, String name) {
        var member = ResourcePattern.MEMBER_NAME.parse(name, "outcome.member");
        if (!member.commission().value().equals(commission)) {
            throw org.chorus.platform.errors.ChorusException.invalid("INVALID_OUTCOME", "outcome.member",
                    "The member must be in this commission: commissions/" + commission + "/members/{member}.");
        }
        return member.last();
    }

    /** The domain's name for a measure; an unset one names none, and is refused there. */
    private static String measureName(Measure measure) {
        return measure == Measure.MEASURE_UNSPECIFIED || measure == Measure.UNRECOGNIZED ? "" : measure.name();
    }

    private static Figure figure(ShownFigure f) {
        return Figure.newBuilder()
                .setMeasure(Measure.valueOf(f.measure().name()))
                .setShown(switch (f.shown()) {
                    case EXACT -> Figure.Shown.EXACT;
                    case ROUNDED -> Figure.Shown.ROUNDED;
                    case SMALL -> Figure.Shown.SMALL;
                    case HIDDEN -> Figure.Shown.HIDDEN;
                })
                .setValue(f.value())
                .setText(f.text())
                .build();
    }

    private static org.chorus.reporting.v1.Outcome outcome(String commission, Outcome o) {
        var proto = org.chorus.reporting.v1.Outcome.newBuilder()
                .setName(o.resourceName(commission))
                .setKind(o.kind() == Outcome.Kind.STORY ? org.chorus.reporting.v1.Outcome.Kind.STORY : org.chorus.reporting.v1.Outcome.Kind.OUTCOME)
                .setTitle(o.title())
                .setDescription(o.description())
                .setMember(o.member() == null ? "" : ResourcePattern.MEMBER_NAME.format(commission, o.member()))
                .setState(org.chorus.reporting.v1.Outcome.State.valueOf(o.state().name()))
                .setReason(o.reason())
                .setCreateTime(ProtoTime.timestamp(o.createTime()));
        if (o.decideTime() != null) {
            proto.setDecideTime(ProtoTime.timestamp(o.decideTime()));
        }
        return proto.build();
    }
}
