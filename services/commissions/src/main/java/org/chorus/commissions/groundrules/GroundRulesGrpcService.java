package org.chorus.commissions.groundrules;

import static org.chorus.platform.grpc.Replies.reply;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.chorus.commissions.v1.CommissionGroundRulesServiceGrpc;
import org.chorus.commissions.v1.GetGroundRulesRequest;
import org.chorus.commissions.v1.ListGroundRulesRevisionsRequest;
import org.chorus.commissions.v1.ListGroundRulesRevisionsResponse;
import org.chorus.commissions.v1.UpdateGroundRulesRequest;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The ground rules' gRPC adapter: maps the contract (field masks included) to the use cases and back. */
@GrpcService
class GroundRulesGrpcService extends CommissionGroundRulesServiceGrpc.CommissionGroundRulesServiceImplBase {

    private static final ResourcePattern GROUND_RULES = ResourcePattern.of("commissions/{commission}/groundRules");
    private static final String RULES = "rules";
    private static final String AGREED_ON = "agreed_on";
    private static final String HOW_AGREED = "how_agreed";
    private static final List<String> CHANGEABLE = List.of(RULES, AGREED_ON, HOW_AGREED);

    private final GroundRulesService groundRules;

    GroundRulesGrpcService(GroundRulesService groundRules) {
        this.groundRules = groundRules;
    }

    @Override
    public void getGroundRules(GetGroundRulesRequest request, StreamObserver<org.chorus.commissions.v1.GroundRules> response) {
        CommissionId commission = GROUND_RULES.parse(request.getName(), "name").commission();
        reply(response, toProto(commission, groundRules.get(Callers.current(), commission), false));
    }

    @Override
    public void updateGroundRules(UpdateGroundRulesRequest request, StreamObserver<org.chorus.commissions.v1.GroundRules> response) {
        var sent = request.getGroundRules();
        CommissionId commission = GROUND_RULES.parse(sent.getName(), "ground_rules.name").commission();
        Set<String> paths = UpdateMasks.paths(request.getUpdateMask(), sent, CHANGEABLE);
        GroundRulesChange change = GroundRulesChange.of(
                paths.contains(RULES) ? sent.getRulesList() : null,
                paths.contains(AGREED_ON) ? ProtoTime.day(sent.getAgreedOn(), "INVALID_GROUND_RULES", "ground_rules.agreed_on", "the day agreed") : null,
                paths.contains(HOW_AGREED) ? sent.getHowAgreed() : null,
                sent.getEtag());
        reply(response, toProto(commission, groundRules.update(Callers.current(), commission, change), false));
    }

    @Override
    public void listGroundRulesRevisions(ListGroundRulesRevisionsRequest request,
                                         StreamObserver<ListGroundRulesRevisionsResponse> response) {
        CommissionId commission = GROUND_RULES.parse(request.getName(), "name").commission();
        var page = groundRules.revisions(Callers.current(), commission, request.getPageSize(), request.getPageToken());
        var list = ListGroundRulesRevisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(v -> list.addGroundRules(toProto(commission, v, true)));
        reply(response, list.build());
    }

    private static org.chorus.commissions.v1.GroundRules toProto(CommissionId commission, GroundRules v, boolean asRevision) {
        var proto = org.chorus.commissions.v1.GroundRules.newBuilder()
                .setName(GROUND_RULES.format(commission.value()) + (asRevision ? "@" + v.revision() : ""))
                .addAllRules(v.rules())
                .setHowAgreed(v.howAgreed())
                .setUpdatedBy(v.updatedBy())
                .setEtag(v.etag())
                .setRevisionId(String.valueOf(v.revision()));
        if (v.agreedOn() != null) {
            proto.setAgreedOn(ProtoTime.date(v.agreedOn()));
        }
        if (v.updateTime() != null) {
            Timestamp time = ProtoTime.timestamp(v.updateTime());
            proto.setUpdateTime(time).setRevisionCreateTime(time);
        }
        return proto.build();
    }


}
