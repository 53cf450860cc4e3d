package org.chorus.commissions.focus;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.commissions.registry.CommissionId;
import org.chorus.commissions.shared.ResourceNames;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc;
import org.chorus.commissions.v1.CreateFocusIssueRequest;
import org.chorus.commissions.v1.DecideFocusIssueRequest;
import org.chorus.commissions.v1.GetFocusIssueRequest;
import org.chorus.commissions.v1.ListFocusIssuesRequest;
import org.chorus.commissions.v1.ListFocusIssuesResponse;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The focus issues' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class FocusIssueGrpcService extends CommissionFocusIssuesServiceGrpc.CommissionFocusIssuesServiceImplBase {

    private static final Pattern NAME = Pattern.compile("(commissions/[^/]+)/focusIssues/([a-z0-9][a-z0-9-]{0,62})");

    private final FocusIssueService issues;

    FocusIssueGrpcService(FocusIssueService issues) {
        this.issues = issues;
    }

    @Override
    public void createFocusIssue(CreateFocusIssueRequest request, StreamObserver<org.chorus.commissions.v1.FocusIssue> response) {
        CommissionId commission = ResourceNames.commission(request.getParent(), "parent");
        UUID requestId = CreateRequests.requestId(request.getRequestId());
        FocusIssueProposal proposal = FocusIssueProposal.of(request.getFocusIssue().getTitle(), request.getFocusIssue().getDescription());
        reply(response, toProto(commission, issues.propose(Callers.current(), commission, proposal, requestId)));
    }

    @Override
    public void getFocusIssue(GetFocusIssueRequest request, StreamObserver<org.chorus.commissions.v1.FocusIssue> response) {
        Matcher name = name(request.getName());
        CommissionId commission = ResourceNames.commission(name.group(1), "name");
        reply(response, toProto(commission, issues.get(Callers.current(), commission, name.group(2))));
    }

    @Override
    public void listFocusIssues(ListFocusIssuesRequest request, StreamObserver<ListFocusIssuesResponse> response) {
        CommissionId commission = ResourceNames.commission(request.getParent(), "parent");
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
        Matcher name = name(request.getName());
        CommissionId commission = ResourceNames.commission(name.group(1), "name");
        var sentOutcome = request.getOutcome();
        FocusIssue.State outcome = sentOutcome == DecideFocusIssueRequest.Outcome.CHOSEN ? FocusIssue.State.CHOSEN
                : sentOutcome == DecideFocusIssueRequest.Outcome.SET_ASIDE ? FocusIssue.State.SET_ASIDE : null;
        FocusIssueDecision decision = FocusIssueDecision.of(outcome, request.getHowDecided(), request.getEtag());
        reply(response, toProto(commission, issues.decide(Callers.current(), commission, name.group(2), decision)));
    }

    private static Matcher name(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw ChorusException.invalid("INVALID_NAME", "name",
                    "This name should look like \"commissions/leeds/focusIssues/fi-3c9a01e2\": the commission's id, then the issue's.");
        }
        return m;
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
                .setCreateTime(timestamp(i.createTime()))
                .setHowDecided(i.howDecided())
                .setDecidedBy(i.decidedBy())
                .setUpdateTime(timestamp(i.updateTime()))
                .setEtag(i.etag());
        if (i.decideTime() != null) {
            proto.setDecideTime(timestamp(i.decideTime()));
        }
        return proto.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
