package org.chorus.commissions.experiment;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.commissions.registry.CommissionId;
import org.chorus.commissions.shared.ResourceNames;
import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc;
import org.chorus.commissions.v1.CreateExperimentRequest;
import org.chorus.commissions.v1.GetExperimentRequest;
import org.chorus.commissions.v1.ListExperimentsRequest;
import org.chorus.commissions.v1.ListExperimentsResponse;
import org.chorus.commissions.v1.MoveExperimentRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The experiments' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class ExperimentGrpcService extends CommissionExperimentsServiceGrpc.CommissionExperimentsServiceImplBase {

    private static final Pattern NAME = Pattern.compile("(commissions/[^/]+)/experiments/([a-z0-9][a-z0-9-]{0,62})");

    private final ExperimentService experiments;

    ExperimentGrpcService(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @Override
    public void createExperiment(CreateExperimentRequest request, StreamObserver<org.chorus.commissions.v1.Experiment> response) {
        CommissionId commission = ResourceNames.commission(request.getParent(), "parent");
        UUID requestId = CreateRequests.requestId(request.getRequestId());
        var sent = request.getExperiment();
        ExperimentPlan plan = ExperimentPlan.of(sent.getTitle(), sent.getHypothesis(), sent.getChange(), sent.getLead());
        reply(response, toProto(commission, experiments.create(Callers.current(), commission, plan, requestId)));
    }

    @Override
    public void getExperiment(GetExperimentRequest request, StreamObserver<org.chorus.commissions.v1.Experiment> response) {
        Matcher name = name(request.getName());
        CommissionId commission = ResourceNames.commission(name.group(1), "name");
        reply(response, toProto(commission, experiments.get(Callers.current(), commission, name.group(2))));
    }

    @Override
    public void listExperiments(ListExperimentsRequest request, StreamObserver<ListExperimentsResponse> response) {
        CommissionId commission = ResourceNames.commission(request.getParent(), "parent");
        var sent = request.getStatus();
        if (sent == org.chorus.commissions.v1.Experiment.Status.UNRECOGNIZED) {
            throw ChorusException.invalid("INVALID_STATUS", "status",
                    "The status can be PLANNED, RUNNING, LEARNING_RECORDED, EMBEDDED or STOPPED, or left out for every status.");
        }
        // By name, not a switch: a switch over a generated enum compiles to a helper class outside this adapter.
        Experiment.Status status = sent == org.chorus.commissions.v1.Experiment.Status.STATUS_UNSPECIFIED
                ? null : Experiment.Status.valueOf(sent.name());
        var page = experiments.list(Callers.current(), commission, status, request.getPageSize(),
                request.getPageToken());
        var list = ListExperimentsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(e -> list.addExperiments(toProto(commission, e)));
        reply(response, list.build());
    }

    @Override
    public void moveExperiment(MoveExperimentRequest request, StreamObserver<org.chorus.commissions.v1.Experiment> response) {
        Matcher name = name(request.getName());
        CommissionId commission = ResourceNames.commission(name.group(1), "name");
        var sent = request.getStatus();
        Experiment.Status to = sent == org.chorus.commissions.v1.Experiment.Status.STATUS_UNSPECIFIED
                || sent == org.chorus.commissions.v1.Experiment.Status.UNRECOGNIZED ? null : Experiment.Status.valueOf(sent.name());
        ExperimentMove move = ExperimentMove.of(to, request.getLearning(), request.getEtag());
        reply(response, toProto(commission, experiments.move(Callers.current(), commission, name.group(2), move)));
    }

    private static Matcher name(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw ChorusException.invalid("INVALID_NAME", "name",
                    "This name should look like \"commissions/leeds/experiments/ex-5d21c0aa\": the commission's id, then the experiment's.");
        }
        return m;
    }

    private static org.chorus.commissions.v1.Experiment toProto(CommissionId commission, Experiment e) {
        return org.chorus.commissions.v1.Experiment.newBuilder()
                .setName(e.resourceName(commission))
                .setTitle(e.title())
                .setHypothesis(e.hypothesis())
                .setChange(e.change())
                .setLead(e.lead())
                .setStatus(org.chorus.commissions.v1.Experiment.Status.valueOf(e.status().name()))
                .setLearning(e.learning())
                .setCreatedBy(e.createdBy())
                .setCreateTime(timestamp(e.createTime()))
                .setUpdateTime(timestamp(e.updateTime()))
                .setEtag(e.etag())
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
