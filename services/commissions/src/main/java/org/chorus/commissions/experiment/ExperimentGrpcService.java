package org.chorus.commissions.experiment;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.UUID;
import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc;
import org.chorus.commissions.v1.CreateExperimentRequest;
import org.chorus.commissions.v1.GetExperimentRequest;
import org.chorus.commissions.v1.ListExperimentsRequest;
import org.chorus.commissions.v1.ListExperimentsResponse;
import org.chorus.commissions.v1.MoveExperimentRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.requests.RequestIds;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The experiments' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class ExperimentGrpcService extends CommissionExperimentsServiceGrpc.CommissionExperimentsServiceImplBase {

    private static final ResourcePattern NAME = ResourcePattern.of("commissions/{commission}/experiments/{id}");

    private final ExperimentService experiments;

    ExperimentGrpcService(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @Override
    public void createExperiment(CreateExperimentRequest request, StreamObserver<org.chorus.commissions.v1.Experiment> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
        UUID requestId = RequestIds.requestId(request.getRequestId());
        var sent = request.getExperiment();
        ExperimentPlan plan = ExperimentPlan.of(sent.getTitle(), sent.getHypothesis(), sent.getChange(), sent.getLead());
        reply(response, toProto(commission, experiments.create(Callers.current(), commission, plan, requestId)));
    }

    @Override
    public void getExperiment(GetExperimentRequest request, StreamObserver<org.chorus.commissions.v1.Experiment> response) {
        ResourceName name = NAME.parse(request.getName(), "name");
        CommissionId commission = name.commission();
        reply(response, toProto(commission, experiments.get(Callers.current(), commission, name.last())));
    }

    @Override
    public void listExperiments(ListExperimentsRequest request, StreamObserver<ListExperimentsResponse> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
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
        ResourceName name = NAME.parse(request.getName(), "name");
        CommissionId commission = name.commission();
        var sent = request.getStatus();
        Experiment.Status to = sent == org.chorus.commissions.v1.Experiment.Status.STATUS_UNSPECIFIED
                || sent == org.chorus.commissions.v1.Experiment.Status.UNRECOGNIZED ? null : Experiment.Status.valueOf(sent.name());
        ExperimentMove move = ExperimentMove.of(to, request.getLearning(), request.getEtag());
        reply(response, toProto(commission, experiments.move(Callers.current(), commission, name.last(), move)));
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
                .setCreateTime(ProtoTime.timestamp(e.createTime()))
                .setUpdateTime(ProtoTime.timestamp(e.updateTime()))
                .setEtag(e.etag())
                .build();
    }


}
