package org.chorus.membership.needs;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import org.chorus.membership.needs.AccessNeedsService.Summary;
import org.chorus.membership.v1.AccessNeedsServiceGrpc;
import org.chorus.membership.v1.AccessNeedsSummary;
import org.chorus.membership.v1.GetAccessNeedsRequest;
import org.chorus.membership.v1.ListPersonalDataReadsRequest;
import org.chorus.membership.v1.ListPersonalDataReadsResponse;
import org.chorus.membership.v1.PersonalDataRead;
import org.chorus.membership.v1.SummarizeAccessNeedsRequest;
import org.chorus.membership.v1.UpdateAccessNeedsRequest;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** Access needs' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class AccessNeedsGrpcService extends AccessNeedsServiceGrpc.AccessNeedsServiceImplBase {

    private static final ResourcePattern NEEDS = ResourcePattern.of("commissions/{commission}/members/{member}/accessNeeds");
    private static final List<String> CHANGEABLE = List.of("step_free_access", "hearing_loop", "quiet_room", "interpreter", "childcare",
            "travel_paid", "large_print", "support_worker", "other");

    private final AccessNeedsService needs;

    AccessNeedsGrpcService(AccessNeedsService needs) {
        this.needs = needs;
    }

    @Override
    public void getAccessNeeds(GetAccessNeedsRequest request, StreamObserver<org.chorus.membership.v1.AccessNeeds> response) {
        ResourceName name = NEEDS.parse(request.getName(), "name");
        reply(response, toProto(request.getName(), needs.get(Callers.current(), name.commission().value(), name.id("member"))));
    }

    @Override
    public void updateAccessNeeds(UpdateAccessNeedsRequest request, StreamObserver<org.chorus.membership.v1.AccessNeeds> response) {
        var sent = request.getAccessNeeds();
        ResourceName name = NEEDS.parse(sent.getName(), "access_needs.name");
        Set<String> fields = UpdateMasks.paths(request.hasUpdateMask() ? request.getUpdateMask() : null, sent, CHANGEABLE);
        AccessNeeds values = new AccessNeeds(sent.getStepFreeAccess(), sent.getHearingLoop(), sent.getQuietRoom(), sent.getInterpreter(),
                sent.getChildcare(), sent.getTravelPaid(), sent.getLargePrint(), sent.getSupportWorker(), sent.getOther(), null, 0);
        reply(response, toProto(sent.getName(), needs.update(Callers.current(), name.commission().value(), name.id("member"), values,
                fields, sent.getEtag(), request.getMemberAgreed())));
    }

    @Override
    public void summarizeAccessNeeds(SummarizeAccessNeedsRequest request, StreamObserver<AccessNeedsSummary> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        Summary s = needs.summarize(Callers.current(), commission);
        reply(response, AccessNeedsSummary.newBuilder()
                .setCommission("commissions/" + commission)
                .setMembersAnswered(s.answered())
                .setStepFreeAccess(s.stepFreeAccess())
                .setHearingLoop(s.hearingLoop())
                .setQuietRoom(s.quietRoom())
                .setInterpreter(s.interpreter())
                .setChildcare(s.childcare())
                .setTravelPaid(s.travelPaid())
                .setLargePrint(s.largePrint())
                .setSupportWorker(s.supportWorker())
                .setOther(s.other())
                .build());
    }

    @Override
    public void listPersonalDataReads(ListPersonalDataReadsRequest request, StreamObserver<ListPersonalDataReadsResponse> response) {
        ResourceName member = ResourcePattern.MEMBER_NAME.parse(request.getParent(), "parent");
        var page = needs.reads(Callers.current(), member.commission().value(), member.last(), request.getPageSize(), request.getPageToken());
        var list = ListPersonalDataReadsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(r -> list.addReads(PersonalDataRead.newBuilder()
                .setWhat(r.what()).setReader(r.reader()).setReadTime(ProtoTime.timestamp(r.time()))));
        reply(response, list.build());
    }

    private static org.chorus.membership.v1.AccessNeeds toProto(String name, AccessNeeds n) {
        var proto = org.chorus.membership.v1.AccessNeeds.newBuilder()
                .setName(name)
                .setStepFreeAccess(n.stepFreeAccess())
                .setHearingLoop(n.hearingLoop())
                .setQuietRoom(n.quietRoom())
                .setInterpreter(n.interpreter())
                .setChildcare(n.childcare())
                .setTravelPaid(n.travelPaid())
                .setLargePrint(n.largePrint())
                .setSupportWorker(n.supportWorker())
                .setOther(n.other())
                .setEtag(n.etag());
        if (n.updateTime() != null) {
            proto.setUpdateTime(ProtoTime.timestamp(n.updateTime()));
        }
        return proto.build();
    }
}
