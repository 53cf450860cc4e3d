package org.chorus.console.platform;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc.CommissionExperimentsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc.CommissionFocusIssuesServiceBlockingStub;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc;
import org.chorus.commissions.v1.CommissionGroundRulesServiceGrpc.CommissionGroundRulesServiceBlockingStub;
import org.chorus.commissions.v1.CommissionGroundRulesServiceGrpc;
import org.chorus.commissions.v1.CommissionInvitationsServiceGrpc.CommissionInvitationsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionInvitationsServiceGrpc;
import org.chorus.commissions.v1.CommissionPhasesServiceGrpc.CommissionPhasesServiceBlockingStub;
import org.chorus.commissions.v1.CommissionPhasesServiceGrpc;
import org.chorus.commissions.v1.CommissionPracticalDecisionsServiceGrpc.CommissionPracticalDecisionsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionPracticalDecisionsServiceGrpc;
import org.chorus.commissions.v1.CommissionScopeServiceGrpc.CommissionScopeServiceBlockingStub;
import org.chorus.commissions.v1.CommissionScopeServiceGrpc;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc.CommissionSessionsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.CommissionsServiceGrpc.CommissionsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.console.config.ConsoleProperties;
import org.chorus.membership.v1.ConsentsServiceGrpc.ConsentsServiceBlockingStub;
import org.chorus.membership.v1.ConsentsServiceGrpc;
import org.chorus.membership.v1.MembershipServiceGrpc.MembershipServiceBlockingStub;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.membership.v1.RoleGrantsServiceGrpc.RoleGrantsServiceBlockingStub;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc.BenefitsGuidanceServiceBlockingStub;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.chorus.payments.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import org.chorus.payments.v1.LedgerServiceGrpc;
import org.chorus.payments.v1.PaymentsServiceGrpc.PaymentsServiceBlockingStub;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc.PaymentPolicyServiceBlockingStub;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.payments.v1.PayoutsServiceGrpc.PayoutsServiceBlockingStub;
import org.chorus.payments.v1.PayoutsServiceGrpc;
import org.chorus.reporting.v1.ReportingServiceGrpc.ReportingServiceBlockingStub;
import org.chorus.reporting.v1.ReportingServiceGrpc;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The platform, as the contract offers it: one channel to the gateway's gRPC door, and blocking stubs that
 * carry the signed-in person's token and a deadline. A stub is made for each use, on the request's thread,
 * so it holds that request's token (and may then be used from any thread, for calls made side by side).
 */
@Component
public class Platform implements AutoCloseable {

    private final ManagedChannel channel;
    private final long deadlineMillis;

    public Platform(ConsoleProperties properties) {
        this.channel = NettyChannelBuilder.forTarget(properties.platform()).usePlaintext().build();
        this.deadlineMillis = properties.deadline().toMillis();
    }

    public CommissionsServiceBlockingStub commissions() {
        return stub(CommissionsServiceGrpc::newBlockingStub);
    }

    public CommissionPhasesServiceBlockingStub phases() {
        return stub(CommissionPhasesServiceGrpc::newBlockingStub);
    }

    public CommissionScopeServiceBlockingStub scope() {
        return stub(CommissionScopeServiceGrpc::newBlockingStub);
    }

    public CommissionGroundRulesServiceBlockingStub groundRules() {
        return stub(CommissionGroundRulesServiceGrpc::newBlockingStub);
    }

    public CommissionPracticalDecisionsServiceBlockingStub practicalDecisions() {
        return stub(CommissionPracticalDecisionsServiceGrpc::newBlockingStub);
    }

    public CommissionSessionsServiceBlockingStub sessions() {
        return stub(CommissionSessionsServiceGrpc::newBlockingStub);
    }

    public CommissionInvitationsServiceBlockingStub invitations() {
        return stub(CommissionInvitationsServiceGrpc::newBlockingStub);
    }

    public CommissionFocusIssuesServiceBlockingStub focusIssues() {
        return stub(CommissionFocusIssuesServiceGrpc::newBlockingStub);
    }

    public CommissionExperimentsServiceBlockingStub experiments() {
        return stub(CommissionExperimentsServiceGrpc::newBlockingStub);
    }

    public MembershipServiceBlockingStub membership() {
        return stub(MembershipServiceGrpc::newBlockingStub);
    }

    public ConsentsServiceBlockingStub consents() {
        return stub(ConsentsServiceGrpc::newBlockingStub);
    }

    public BenefitsGuidanceServiceBlockingStub benefitsGuidance() {
        return stub(BenefitsGuidanceServiceGrpc::newBlockingStub);
    }

    public PaymentsServiceBlockingStub payments() {
        return stub(PaymentsServiceGrpc::newBlockingStub);
    }

    public LedgerServiceBlockingStub ledger() {
        return stub(LedgerServiceGrpc::newBlockingStub);
    }

    public RoleGrantsServiceBlockingStub roleGrants() {
        return stub(RoleGrantsServiceGrpc::newBlockingStub);
    }

    public PayoutsServiceBlockingStub payouts() {
        return stub(PayoutsServiceGrpc::newBlockingStub);
    }

    public PaymentPolicyServiceBlockingStub paymentPolicy() {
        return stub(PaymentPolicyServiceGrpc::newBlockingStub);
    }

    public ReportingServiceBlockingStub reporting() {
        return stub(ReportingServiceGrpc::newBlockingStub);
    }

    private <S extends AbstractStub<S>> S stub(Function<ManagedChannel, S> create) {
        return create.apply(channel)
                .withCallCredentials(callersToken())
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    private static CallCredentials callersToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return new BearerToken(jwt.getToken().getTokenValue());
        }
        throw new IllegalStateException("The platform is called only for a signed-in person");
    }

    @Override
    public void close() {
        channel.shutdown();
    }
}
