package org.chorus.commissions.phase;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import org.chorus.commissions.v1.CommissionPhasesServiceGrpc;
import org.chorus.commissions.v1.GetPhaseModelRequest;
import org.chorus.commissions.v1.ListPhaseTransitionsRequest;
import org.chorus.commissions.v1.ListPhaseTransitionsResponse;
import org.chorus.commissions.v1.MovePhaseRequest;
import org.chorus.commissions.v1.UpdatePhaseModelRequest;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The phases' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class PhaseGrpcService extends CommissionPhasesServiceGrpc.CommissionPhasesServiceImplBase {

    private static final ResourcePattern MODEL = ResourcePattern.of("commissions/{commission}/phaseModel");

    private final PhaseService phases;

    PhaseGrpcService(PhaseService phases) {
        this.phases = phases;
    }

    @Override
    public void getPhaseModel(GetPhaseModelRequest request, StreamObserver<org.chorus.commissions.v1.PhaseModel> response) {
        CommissionId commission = MODEL.parse(request.getName(), "name").commission();
        reply(response, toProto(commission, phases.get(Callers.current(), commission)));
    }

    @Override
    public void updatePhaseModel(UpdatePhaseModelRequest request, StreamObserver<org.chorus.commissions.v1.PhaseModel> response) {
        CommissionId commission = MODEL.parse(request.getPhaseModel().getName(), "phase_model.name").commission();
        // The phases are all that can change; the mask is checked for what else it names.
        UpdateMasks.paths(request.getUpdateMask(), request.getPhaseModel(), List.of("phases"));
        List<Phase> sent = request.getPhaseModel().getPhasesList().stream()
                .map(p -> new Phase(p.getDisplayName(), p.getDescription())).toList();
        PhaseList replacement = PhaseList.of(sent);
        String etag = request.getPhaseModel().getEtag();
        reply(response, toProto(commission, phases.updatePhases(Callers.current(), commission, replacement,
                etag.isEmpty() ? null : etag)));
    }

    @Override
    public void movePhase(MovePhaseRequest request, StreamObserver<org.chorus.commissions.v1.PhaseTransition> response) {
        CommissionId commission = MODEL.parse(request.getName(), "name").commission();
        PhaseMove move = PhaseMove.of(request.getPhase(), request.getReason(), request.getEtag(), request.getRequestId());
        reply(response, toProto(commission, phases.move(Callers.current(), commission, move)));
    }

    @Override
    public void listPhaseTransitions(ListPhaseTransitionsRequest request, StreamObserver<ListPhaseTransitionsResponse> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
        var page = phases.list(Callers.current(), commission, request.getPageSize(), request.getPageToken());
        ListPhaseTransitionsResponse.Builder list = ListPhaseTransitionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(t -> list.addPhaseTransitions(toProto(commission, t)));
        reply(response, list.build());
    }

    private static org.chorus.commissions.v1.PhaseModel toProto(CommissionId commission, PhaseModel model) {
        var proto = org.chorus.commissions.v1.PhaseModel.newBuilder()
                .setName(MODEL.format(commission.value()))
                .setCurrentPhase(model.current().displayName())
                .setPhasesFixed(model.phasesFixed())
                .setUpdateTime(ProtoTime.timestamp(model.updateTime()))
                .setEtag(model.etag());
        model.phases().forEach(p -> proto.addPhases(org.chorus.commissions.v1.Phase.newBuilder()
                .setDisplayName(p.displayName()).setDescription(p.description())));
        return proto.build();
    }

    private static org.chorus.commissions.v1.PhaseTransition toProto(CommissionId commission, PhaseTransition t) {
        return org.chorus.commissions.v1.PhaseTransition.newBuilder()
                .setName(t.resourceName(commission))
                .setFromPhase(t.fromPhase())
                .setToPhase(t.toPhase())
                .setDirection(switch (t.direction()) {
                    case FORWARD -> org.chorus.commissions.v1.PhaseTransition.Direction.FORWARD;
                    case BACK -> org.chorus.commissions.v1.PhaseTransition.Direction.BACK;
                })
                .setReason(t.reason())
                .setDecidedBy(t.decidedBy())
                .setMoveTime(ProtoTime.timestamp(t.moveTime()))
                .build();
    }


}
