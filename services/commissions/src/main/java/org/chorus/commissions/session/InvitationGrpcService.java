package org.chorus.commissions.session;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.UUID;
import org.chorus.commissions.session.SessionNames.InvitationName;
import org.chorus.commissions.session.SessionNames.SessionName;
import org.chorus.commissions.v1.CommissionInvitationsServiceGrpc;
import org.chorus.commissions.v1.CreateInvitationRequest;
import org.chorus.commissions.v1.GetInvitationRequest;
import org.chorus.commissions.v1.ListInvitationsRequest;
import org.chorus.commissions.v1.ListInvitationsResponse;
import org.chorus.commissions.v1.ReplyToInvitationRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.requests.RequestIds;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** Invitations' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class InvitationGrpcService extends CommissionInvitationsServiceGrpc.CommissionInvitationsServiceImplBase {

    private final InvitationService invitations;

    InvitationGrpcService(InvitationService invitations) {
        this.invitations = invitations;
    }

    @Override
    public void createInvitation(CreateInvitationRequest request, StreamObserver<org.chorus.commissions.v1.Invitation> response) {
        SessionName session = SessionNames.session(request.getParent(), "parent");
        String member = request.getInvitation().getMember();
        if (!AttendanceRecording.isMember(member)) {
            throw ChorusException.invalid("INVALID_INVITATION", "invitation.member", member.isEmpty()
                    ? "Please say who is invited: their sign-in id."
                    : "The person's sign-in id has letters, numbers and hyphens only, up to 64 of them.");
        }
        UUID requestId = RequestIds.requestId(request.getRequestId());
        reply(response, toProto(session.commission(),
                invitations.invite(Callers.current(), session.commission(), session.session(), member, requestId)));
    }

    @Override
    public void getInvitation(GetInvitationRequest request, StreamObserver<org.chorus.commissions.v1.Invitation> response) {
        InvitationName name = SessionNames.invitation(request.getName(), "name");
        reply(response, toProto(name.commission(), invitations.get(Callers.current(), name.commission(), name.session(), name.member())));
    }

    @Override
    public void listInvitations(ListInvitationsRequest request, StreamObserver<ListInvitationsResponse> response) {
        SessionName session = SessionNames.session(request.getParent(), "parent");
        var page = invitations.list(Callers.current(), session.commission(), session.session(),
                request.getPageSize(), request.getPageToken());
        var list = ListInvitationsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(i -> list.addInvitations(toProto(session.commission(), i)));
        reply(response, list.build());
    }

    @Override
    public void replyToInvitation(ReplyToInvitationRequest request, StreamObserver<org.chorus.commissions.v1.Invitation> response) {
        InvitationName name = SessionNames.invitation(request.getName(), "name");
        // By number, not a switch: a switch over a generated enum compiles to a helper class outside this adapter.
        int sent = request.getReplyValue();
        Invitation.Reply answer = sent == org.chorus.commissions.v1.Invitation.Reply.COMING_VALUE ? Invitation.Reply.COMING
                : sent == org.chorus.commissions.v1.Invitation.Reply.NOT_COMING_VALUE ? Invitation.Reply.NOT_COMING
                : sent == org.chorus.commissions.v1.Invitation.Reply.NOT_SURE_YET_VALUE ? Invitation.Reply.NOT_SURE_YET
                : null;
        String etag = request.getEtag().isEmpty() ? null : request.getEtag();
        reply(response, toProto(name.commission(),
                invitations.reply(Callers.current(), name.commission(), name.session(), name.member(), answer, etag)));
    }

    private static org.chorus.commissions.v1.Invitation toProto(CommissionId commission, Invitation i) {
        var proto = org.chorus.commissions.v1.Invitation.newBuilder()
                .setName(i.resourceName(commission))
                .setMember(i.member())
                .setReply(org.chorus.commissions.v1.Invitation.Reply.valueOf(i.reply().name()))
                .setInvitedBy(i.invitedBy())
                .setInviteTime(ProtoTime.timestamp(i.inviteTime()))
                .setRepliedBy(i.repliedBy())
                .setRepliedOnBehalf(i.repliedOnBehalf())
                .setEtag(i.etag());
        if (i.replyTime() != null) {
            proto.setReplyTime(ProtoTime.timestamp(i.replyTime()));
        }
        return proto.build();
    }


}
