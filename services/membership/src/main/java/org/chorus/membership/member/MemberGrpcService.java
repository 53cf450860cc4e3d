package org.chorus.membership.member;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.chorus.membership.member.MemberService.Seen;
import org.chorus.membership.member.MemberState.Change;
import org.chorus.membership.member.PersonalDetails.Credit;
import org.chorus.membership.v1.ChangeMemberStateRequest;
import org.chorus.membership.v1.CreateMemberRequest;
import org.chorus.membership.v1.EraseMemberRequest;
import org.chorus.membership.v1.ExportMemberDataRequest;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.membership.v1.GetRetentionPolicyRequest;
import org.chorus.membership.v1.GiveMemberAccountRequest;
import org.chorus.membership.v1.ListMembersRequest;
import org.chorus.membership.v1.ListMembersResponse;
import org.chorus.membership.v1.MemberDataExport;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.membership.v1.UpdateMemberRequest;
import org.chorus.membership.v1.UpdateRetentionPolicyRequest;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** Members' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class MemberGrpcService extends MembershipServiceGrpc.MembershipServiceImplBase {

    private static final ResourcePattern RETENTION = ResourcePattern.of("commissions/{commission}/retentionPolicy");
    private static final List<String> CHANGEABLE = List.of("display_name", "contact", "credit", "chosen_name", "kind", "organization");

    private final MemberService members;

    MemberGrpcService(MemberService members) {
        this.members = members;
    }

    @Override
    public void createMember(CreateMemberRequest request, StreamObserver<org.chorus.membership.v1.Member> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        var sent = request.getMember();
        NewMember command = NewMember.of(commission, sent.getAccount(), kind(sent.getKind()), credit(sent.getCredit()),
                sent.getOrganization(), details(sent), request.getRequestId());
        reply(response, toProto(members.create(Callers.current(), command)));
    }

    @Override
    public void getMember(GetMemberRequest request, StreamObserver<org.chorus.membership.v1.Member> response) {
        ResourceName name = ResourcePattern.MEMBER_NAME.parse(request.getName(), "name");
        reply(response, toProto(members.get(Callers.current(), name.commission().value(), name.last())));
    }

    @Override
    public void listMembers(ListMembersRequest request, StreamObserver<ListMembersResponse> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        var page = members.list(Callers.current(), commission, request.getPageSize(), request.getPageToken());
        var list = ListMembersResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(m -> list.addMembers(toProto(m)));
        reply(response, list.build());
    }

    @Override
    public void updateMember(UpdateMemberRequest request, StreamObserver<org.chorus.membership.v1.Member> response) {
        var sent = request.getMember();
        ResourceName name = ResourcePattern.MEMBER_NAME.parse(sent.getName(), "member.name");
        Set<String> fields = UpdateMasks.paths(request.hasUpdateMask() ? request.getUpdateMask() : null, sent, CHANGEABLE);
        NewMember values = new NewMember(name.commission().value(), "", kind(sent.getKind()), credit(sent.getCredit()),
                sent.getOrganization(), details(sent), null);
        reply(response, toProto(members.update(Callers.current(), name.commission().value(), name.last(), fields, values, sent.getEtag())));
    }

    @Override
    public void changeMemberState(ChangeMemberStateRequest request, StreamObserver<org.chorus.membership.v1.Member> response) {
        ResourceName name = ResourcePattern.MEMBER_NAME.parse(request.getName(), "name");
        Change change = switch (request.getChange()) {
            case CHANGE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> Change.valueOf(request.getChange().name());
        };
        var day = request.hasEffectiveDate()
                ? ProtoTime.day(request.getEffectiveDate(), "INVALID_MEMBER", "effective_date", "The day it took effect") : null;
        reply(response, toProto(members.changeState(Callers.current(), name.commission().value(), name.last(), change, day,
                request.getReason(), request.getMemberAgreed(), request.getEtag())));
    }

    @Override
    public void exportMemberData(ExportMemberDataRequest request, StreamObserver<MemberDataExport> response) {
        ResourceName name = ResourcePattern.MEMBER_NAME.parse(request.getName(), "name");
        List<OtherServices.Held> held = members.export(Callers.current(), name.commission().value(), name.last());
        var export = MemberDataExport.newBuilder()
                .setName(request.getName())
                .setExportTime(ProtoTime.timestamp(Instant.now()))
                .setDocument(ReadableExport.document(held));
        held.forEach(part -> export.addHeld(MemberDataExport.Held.newBuilder().setService(part.service()).setJson(part.json())));
        reply(response, export.build());
    }

    @Override
    public void eraseMember(EraseMemberRequest request, StreamObserver<org.chorus.membership.v1.Member> response) {
        ResourceName name = ResourcePattern.MEMBER_NAME.parse(request.getName(), "name");
        reply(response, toProto(members.erase(Callers.current(), name.commission().value(), name.last(), request.getReason(),
                request.getMemberAgreed())));
    }

    @Override
    public void giveMemberAccount(GiveMemberAccountRequest request, StreamObserver<org.chorus.membership.v1.Member> response) {
        ResourceName name = ResourcePattern.MEMBER_NAME.parse(request.getName(), "name");
        reply(response, toProto(members.giveAccount(Callers.current(), name.commission().value(), name.last(), request.getEmail(),
                request.getMemberAgreed())));
    }

    @Override
    public void getRetentionPolicy(GetRetentionPolicyRequest request, StreamObserver<org.chorus.membership.v1.RetentionPolicy> response) {
        ResourceName name = RETENTION.parse(request.getName(), "name");
        reply(response, toProto(request.getName(), members.retention(Callers.current(), name.commission().value())));
    }

    @Override
    public void updateRetentionPolicy(UpdateRetentionPolicyRequest request,
                                      StreamObserver<org.chorus.membership.v1.RetentionPolicy> response) {
        var sent = request.getRetentionPolicy();
        ResourceName name = RETENTION.parse(sent.getName(), "retention_policy.name");
        UpdateMasks.paths(request.hasUpdateMask() ? request.getUpdateMask() : null, sent, List.of("erase_after_leaving_days"));
        reply(response, toProto(sent.getName(), members.updateRetention(Callers.current(), name.commission().value(),
                sent.getEraseAfterLeavingDays())));
    }

    private static org.chorus.membership.v1.RetentionPolicy toProto(String name, RetentionPolicy policy) {
        var proto = org.chorus.membership.v1.RetentionPolicy.newBuilder()
                .setName(name)
                .setEraseAfterLeavingDays(policy.eraseAfterLeavingDays())
                .setUpdatedBy(policy.updatedBy());
        if (policy.updateTime() != null) {
            proto.setUpdateTime(ProtoTime.timestamp(policy.updateTime()));
        }
        return proto.build();
    }

    private static PersonalDetails details(org.chorus.membership.v1.Member sent) {
        return new PersonalDetails(sent.getDisplayName(), sent.getChosenName(), sent.getContact().getEmail(), sent.getContact().getPhone());
    }

    private static Member.Kind kind(org.chorus.membership.v1.Member.Kind kind) {
        return switch (kind) {
            case KIND_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> Member.Kind.valueOf(kind.name());
        };
    }

    private static Credit credit(org.chorus.membership.v1.Member.Credit credit) {
        return credit == org.chorus.membership.v1.Member.Credit.UNRECOGNIZED ? null : Credit.valueOf(credit.name());
    }

    static org.chorus.membership.v1.Member toProto(Seen seen) {
        Member m = seen.member();
        var proto = org.chorus.membership.v1.Member.newBuilder()
                .setName(m.resourceName())
                .setKind(org.chorus.membership.v1.Member.Kind.valueOf(m.kind().name()))
                .setState(org.chorus.membership.v1.Member.State.valueOf(m.state().name()))
                .setCredit(org.chorus.membership.v1.Member.Credit.valueOf(m.credit().name()))
                .setCreditedAs(m.creditedAs())
                .setOrganization(m.organization() == null ? "" : m.organization())
                .setAccount(m.account() == null ? "" : m.account())
                .setCreateTime(ProtoTime.timestamp(m.createTime()))
                .setUpdateTime(ProtoTime.timestamp(m.updateTime()))
                .setEtag(m.etag());
        if (seen.personal()) {
            proto.setDisplayName(m.personal().displayName())
                    .setChosenName(m.personal().chosenName())
                    .setContact(org.chorus.membership.v1.Member.Contact.newBuilder()
                            .setEmail(m.personal().email()).setPhone(m.personal().phone()));
        }
        for (Member.StateChange c : m.history()) {
            proto.addHistory(org.chorus.membership.v1.Member.StateChange.newBuilder()
                    .setChange(org.chorus.membership.v1.Member.Change.valueOf(c.change().name()))
                    .setState(org.chorus.membership.v1.Member.State.valueOf(c.state().name()))
                    .setEffectiveDate(ProtoTime.date(c.effectiveDate()))
                    .setReason(seen.personal() ? c.reason() : "")
                    .setRecordedBy(c.recordedBy())
                    .setOnBehalf(c.onBehalf())
                    .setRecordTime(ProtoTime.timestamp(c.recordTime())));
        }
        return proto.build();
    }
}
