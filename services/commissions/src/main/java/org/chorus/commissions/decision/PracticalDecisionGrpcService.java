package org.chorus.commissions.decision;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chorus.commissions.v1.CommissionPracticalDecisionsServiceGrpc;
import org.chorus.commissions.v1.CreatePracticalDecisionRequest;
import org.chorus.commissions.v1.GetPracticalDecisionRequest;
import org.chorus.commissions.v1.ListPracticalDecisionsRequest;
import org.chorus.commissions.v1.ListPracticalDecisionsResponse;
import org.chorus.commissions.v1.UpdatePracticalDecisionRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.requests.RequestIds;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The practical decisions' gRPC adapter: maps the contract (field masks included) to the use cases and back. */
@GrpcService
class PracticalDecisionGrpcService extends CommissionPracticalDecisionsServiceGrpc.CommissionPracticalDecisionsServiceImplBase {

    private static final ResourcePattern NAME = ResourcePattern.of("commissions/{commission}/practicalDecisions/{id}");
    private static final String TOPIC = "topic";
    private static final String TITLE = "title";
    private static final String DECISION = "decision";
    private static final String AGREED_BY = "agreed_by";
    private static final String AGREED_ON = "agreed_on";
    private static final List<String> CHANGEABLE = List.of(TOPIC, TITLE, DECISION, AGREED_BY, AGREED_ON);

    private final PracticalDecisionService decisions;

    PracticalDecisionGrpcService(PracticalDecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public void createPracticalDecision(CreatePracticalDecisionRequest request,
                                        StreamObserver<org.chorus.commissions.v1.PracticalDecision> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
        UUID requestId = RequestIds.requestId(request.getRequestId());
        var sent = request.getPracticalDecision();
        PracticalDecisionFields fields = PracticalDecisionFields.toCreate(topic(sent.getTopic()), sent.getTitle(), sent.getDecision(),
                sent.getAgreedBy(), ProtoTime.day(sent.getAgreedOn(), "INVALID_PRACTICAL_DECISION", "practical_decision.agreed_on", "the day agreed"));
        reply(response, toProto(commission, decisions.create(Callers.current(), commission, fields, requestId)));
    }

    @Override
    public void getPracticalDecision(GetPracticalDecisionRequest request,
                                     StreamObserver<org.chorus.commissions.v1.PracticalDecision> response) {
        ResourceName name = NAME.parse(request.getName(), "name");
        CommissionId commission = name.commission();
        reply(response, toProto(commission, decisions.get(Callers.current(), commission, name.last())));
    }

    @Override
    public void listPracticalDecisions(ListPracticalDecisionsRequest request, StreamObserver<ListPracticalDecisionsResponse> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
        var sentTopic = request.getTopic();
        if (sentTopic == org.chorus.commissions.v1.PracticalDecision.Topic.UNRECOGNIZED) {
            throw ChorusException.invalid("INVALID_TOPIC", "topic",
                    "The topic can be RISK, LONE_WORKING, ETHICS, SAFEGUARDING or OTHER, or left out for every topic.");
        }
        var page = decisions.list(Callers.current(), commission, topic(sentTopic),
                request.getPageSize(), request.getPageToken());
        var list = ListPracticalDecisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(d -> list.addPracticalDecisions(toProto(commission, d)));
        reply(response, list.build());
    }

    @Override
    public void updatePracticalDecision(UpdatePracticalDecisionRequest request,
                                        StreamObserver<org.chorus.commissions.v1.PracticalDecision> response) {
        var sent = request.getPracticalDecision();
        ResourceName name = NAME.parse(sent.getName(), "practical_decision.name");
        CommissionId commission = name.commission();
        Set<String> paths = UpdateMasks.paths(request.getUpdateMask(), sent, CHANGEABLE);
        PracticalDecisionFields change = PracticalDecisionFields.toChange(
                paths.contains(TOPIC) ? topic(sent.getTopic()) : null, paths.contains(TOPIC),
                paths.contains(TITLE) ? sent.getTitle() : null,
                paths.contains(DECISION) ? sent.getDecision() : null,
                paths.contains(AGREED_BY) ? sent.getAgreedBy() : null,
                paths.contains(AGREED_ON) ? ProtoTime.day(sent.getAgreedOn(), "INVALID_PRACTICAL_DECISION", "practical_decision.agreed_on", "the day agreed") : null, paths.contains(AGREED_ON));
        String etag = sent.getEtag().isEmpty() ? null : sent.getEtag();
        reply(response, toProto(commission, decisions.update(Callers.current(), commission, name.last(), change, etag)));
    }

    /** The topic sent, or null when none (or one this service does not know) was sent. By name: see FocusIssueGrpcService. */
    private static PracticalDecision.Topic topic(org.chorus.commissions.v1.PracticalDecision.Topic topic) {
        if (topic == org.chorus.commissions.v1.PracticalDecision.Topic.TOPIC_UNSPECIFIED
                || topic == org.chorus.commissions.v1.PracticalDecision.Topic.UNRECOGNIZED) {
            return null;
        }
        return PracticalDecision.Topic.valueOf(topic.name());
    }



    private static org.chorus.commissions.v1.PracticalDecision toProto(CommissionId commission, PracticalDecision d) {
        return org.chorus.commissions.v1.PracticalDecision.newBuilder()
                .setName(d.resourceName(commission))
                .setTopic(org.chorus.commissions.v1.PracticalDecision.Topic.valueOf(d.topic().name()))
                .setTitle(d.title())
                .setDecision(d.decision())
                .setAgreedBy(d.agreedBy())
                .setAgreedOn(ProtoTime.date(d.agreedOn()))
                .setCreatedBy(d.createdBy())
                .setCreateTime(ProtoTime.timestamp(d.createTime()))
                .setUpdatedBy(d.updatedBy())
                .setUpdateTime(ProtoTime.timestamp(d.updateTime()))
                .setRevisionId(String.valueOf(d.version()))
                .setEtag(d.etag())
                .build();
    }


}
