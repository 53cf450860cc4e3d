package org.chorus.console.pages;

import java.util.List;
import java.util.concurrent.Callable;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.GetGroundRulesRequest;
import org.chorus.commissions.v1.GetPhaseModelRequest;
import org.chorus.commissions.v1.GetScopeStatementRequest;
import org.chorus.commissions.v1.GroundRules;
import org.chorus.commissions.v1.ListPhaseTransitionsRequest;
import org.chorus.commissions.v1.ListPracticalDecisionsRequest;
import org.chorus.commissions.v1.PhaseModel;
import org.chorus.commissions.v1.PhaseTransition;
import org.chorus.commissions.v1.PracticalDecision;
import org.chorus.commissions.v1.ScopeStatement;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.Platform;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.identity.Role;
import org.chorus.membership.v1.ConsentsServiceGrpc;
import org.chorus.membership.v1.ListMembersRequest;
import org.chorus.membership.v1.ListMembersResponse;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.reporting.v1.ReportingServiceGrpc;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A commission's home page (what it is, where it is, what it agreed), and its members. */
@Controller
public class CommissionController {

    /** The most rows of one list the console asks for in one call; lists longer than that get a next page. */
    static final int LIST_SIZE = 100;
    /** Pages of members read for one page of the console: a commission has tens of people, not thousands. */
    static final int MAX_MEMBER_PAGES = 10;

    /** Which parts of a commission a person may open from its home page: decided from the contract. */
    public record Links(boolean sessions, boolean members, boolean claims, boolean myPayments, boolean impact,
                        boolean myConsent, boolean myData) {

        static Links of(Caller caller, String commissionId) {
            // The member's own pages are about the person as a member: a facilitator may call the same RPCs,
            // but for the members they support, which these pages do not offer.
            boolean member = caller.rolesIn(commissionId).contains(Role.MEMBER);
            return new Links(
                    ContractAccess.allows(caller, CommissionSessionsServiceGrpc.getListSessionsMethod(), commissionId),
                    ContractAccess.allows(caller, MembershipServiceGrpc.getListMembersMethod(), commissionId),
                    ContractAccess.allows(caller, PaymentsServiceGrpc.getApproveClaimMethod(), commissionId),
                    // A member's own claims (ListClaims: "a member sees only their own claims").
                    caller.rolesIn(commissionId).contains(Role.MEMBER),
                    ContractAccess.allows(caller, ReportingServiceGrpc.getGetImpactMethod(), commissionId),
                    member && ContractAccess.allows(caller, ConsentsServiceGrpc.getRecordConsentMethod(), commissionId),
                    member && ContractAccess.allows(caller, MembershipServiceGrpc.getExportMemberDataMethod(), commissionId));
        }
    }

    private final Platform platform;

    public CommissionController(Platform platform) {
        this.platform = platform;
    }

    @GetMapping("/commissions/{commissionId}")
    public String commission(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, Model model) {
        String name = Names.commission(commissionId);
        var commissions = platform.commissions();
        var phases = platform.phases();
        var transitions = platform.phases();
        var scope = platform.scope();
        var groundRules = platform.groundRules();
        var decisions = platform.practicalDecisions();
        List<Callable<Object>> calls = List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(name).build()),
                () -> SideBySide.orNothing(() -> phases.getPhaseModel(GetPhaseModelRequest.newBuilder().setName(name + "/phaseModel").build())),
                () -> transitions.listPhaseTransitions(ListPhaseTransitionsRequest.newBuilder().setParent(name).setPageSize(LIST_SIZE).build())
                        .getPhaseTransitionsList(),
                () -> SideBySide.orNothing(() -> scope.getScopeStatement(GetScopeStatementRequest.newBuilder().setName(name + "/scopeStatement").build())),
                () -> SideBySide.orNothing(() -> groundRules.getGroundRules(GetGroundRulesRequest.newBuilder().setName(name + "/groundRules").build())),
                () -> decisions.listPracticalDecisions(ListPracticalDecisionsRequest.newBuilder().setParent(name).setPageSize(LIST_SIZE).build())
                        .getPracticalDecisionsList());
        List<Object> answers = SideBySide.all(calls);
        Commission commission = (Commission) answers.get(0);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", commission);
        model.addAttribute("groupWork", GroupWorkLinks.of(KeycloakCallers.from(jwt), commissionId));
        model.addAttribute("phaseModel", (PhaseModel) answers.get(1));
        @SuppressWarnings("unchecked")
        List<PhaseTransition> history = (List<PhaseTransition>) answers.get(2);
        model.addAttribute("history", history);
        model.addAttribute("scope", (ScopeStatement) answers.get(3));
        model.addAttribute("groundRules", (GroundRules) answers.get(4));
        @SuppressWarnings("unchecked")
        List<PracticalDecision> practicalDecisions = (List<PracticalDecision>) answers.get(5);
        model.addAttribute("decisions", practicalDecisions);
        model.addAttribute("links", Links.of(KeycloakCallers.from(jwt), commissionId));
        model.addAttribute("moneyAndPeople", MoneyAndPeopleLinks.of(KeycloakCallers.from(jwt), commissionId, commission));
        return "commission";
    }

    /** Every member of the commission, page after page (up to {@link Paging#MAX_PAGES} pages). */
    static List<Member> allMembers(Platform platform, String commissionId) {
        return Paging.all(pageToken -> platform.membership().listMembers(ListMembersRequest.newBuilder()
                        .setParent(Names.commission(commissionId)).setPageSize(LIST_SIZE).setPageToken(pageToken).build()),
                ListMembersResponse::getMembersList, ListMembersResponse::getNextPageToken);
    }
}
