package org.chorus.commissions.focus;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.UUID;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc;
import org.chorus.commissions.v1.CreateFocusIssueRequest;
import org.chorus.commissions.v1.DecideFocusIssueRequest;
import org.chorus.commissions.v1.GetFocusIssueRequest;
import org.chorus.commissions.v1.ListFocusIssuesRequest;
import org.chorus.commissions.v1.ListFocusIssuesResponse;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.requests.RequestIds;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The focus issues' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class FocusIssueGrpcService extends CommissionFocusIssuesServiceGrpc.CommissionFocusIssuesServiceImplBase {

    private static final ResourcePattern NAME = ResourcePattern.of("commissions/{commission}/focusIssues/{id}");

    private final FocusIssueService issues;

    FocusIssueGrpcService(FocusIssueService issues) {
        this.issues = issues;
    }

    @Override
    public void createFocusIssue(CreateFocusIssueRequest request, StreamObserver<org.chorus.commissions.v1.FocusIssue> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
        UUID requestId = RequestIds.requestId(request.getRequestId());
        FocusIssueProposal proposal = FocusIssueProposal.of(request.getFocusIssue().getTitle(), request.getFocusIssue().getDescription());
        reply(response, toProto(commission, issues.propose(Callers.current(), commission, proposal, requestId)));
    }

    @Override
    public void getFocusIssue(GetFocusIssueRequest request, StreamObserver<org.chorus.commissions.v1.FocusIssue> response) {
        ResourceName name = NAME.parse(request.getName(), "name");
        CommissionId commission = name.commission();
        reply(response, toProto(commission, issues.get(Callers.current(), commission, name.last())));
    }

    @Override
    public void listFocusIssues(ListFocusIssuesRequest request, StreamObserver<ListFocusIssuesResponse> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
        // By name, not a switch: a switch over a generated enum compiles to a helper class outside this adapter.
        var sentState = request.getState();
        if (sentState == org.chorus.commissions.v1.FocusIssue.State.UNRECOGNIZED) {
            throw ChorusException.invalid("INVALID_STATE", "state",
                    "The state can be PROPOSED, CHOSEN or SET_ASIDE, or left out for every state.");
        }
        FocusIssue.State state = sentState == org.chorus.commissions.v1.FocusIssue.State.STATE_UNSPECIFIED
                ? null : FocusIssue.State.valueOf(sentState.name());
        var page = issues.list(Callers.current(), commission, state, request.getPageSize(), request.getPageToken());
        var list = ListFocusIssuesResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(i -> list.addFocusIssues(toProto(commission, i)));
        reply(response, list.build());
    }

    @Override
    public void decideFocusIssue(DecideFocusIssueRequest request, StreamObserver<org.chorus.commissions.v1.FocusIssue> response) {
        ResourceName name = NAME.parse(request.getName(), "name");
        CommissionId commission = name.commission();
        var sentOutcome = request.getOutcome();
        FocusIssue.State outcome = sentOutcome == DecideFocusIssueRequest.Outcome.CHOSEN ? FocusIssue.State.CHOSEN
                : sentOutcome == DecideFocusIssueRequest.Outcome.SET_ASIDE ? FocusIssue.State.SET_ASIDE : null;
        FocusIssueDecision decision = FocusIssueDecision.of(outcome, request.getHowDecided(), request.getEtag());
        reply(response, toProto(commission, issues.decide(Callers.current(), commission, name.last(), decision)));
    }


    private static org.chorus.commissions.v1.FocusIssue toProto(CommissionId commission, FocusIssue i) {
        var proto = org.chorus.commissions.v1.FocusIssue.newBuilder()
                .setName(i.resourceName(commission))
                .setTitle(i.title())
                .setDescription(i.description())
                .setState(switch (i.state()) {
                    case PROPOSED -> org.chorus.commissions.v1.FocusIssue.State.PROPOSED;
                    case CHOSEN -> org.chorus.commissions.v1.FocusIssue.State.CHOSEN;
                    case SET_ASIDE -> org.chorus.commissions.v1.FocusIssue.State.SET_ASIDE;
                })
                .setProposedBy(i.proposedBy())
                .setCreateTime(ProtoTime.timestamp(i.createTime()))
                .setHowDecided(i.howDecided())
                .setDecidedBy(i.decidedBy())
                .setUpdateTime(ProtoTime.timestamp(i.updateTime()))
                .setEtag(i.etag());
        if (i.decideTime() != null) {
            proto.setDecideTime(ProtoTime.timestamp(i.decideTime()));
        }
        return proto.build();
    }


}
