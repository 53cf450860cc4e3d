package org.chorus.console.pages;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.console.platform.Refusals;
import org.chorus.console.text.Dates;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.membership.v1.CreateRoleGrantRequest;
import org.chorus.membership.v1.DeleteRoleGrantRequest;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.ListRoleGrantsResponse;
import org.chorus.membership.v1.RoleGrant;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.membership.v1.RoleGrantsServiceGrpc.RoleGrantsServiceBlockingStub;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * People and roles in a commission: who holds which role (ListRoleGrants), giving a person a role (CreateRoleGrant)
 * and taking one away after a confirmation (DeleteRoleGrant). The platform keeps the separation of duties: only
 * network coordinators give or take away the facilitator and finance roles, and nobody changes their own; its
 * refusals come back as plain words on the form. A grant is named in addresses by its id only, never the person.
 */
@Controller
public class PeopleController {

    /** The roles a person can be given in one commission, in the contract's order. */
    static final List<String> ROLES = List.of("FACILITATOR", "FINANCE", "MEMBER", "VIEWER");
    /** Which part of CreateRoleGrant's request each form field fills, for the platform's field violations. */
    private static final Map<String, String> GRANT_FIELDS = Map.of("role_grant.person", "person", "role_grant.role", "role",
            "reason", "reason");
    private static final Set<String> DONE = Set.of("granted", "removed");

    /** The give-a-role form as typed. The request id makes a second press of the button harmless. */
    public record GrantForm(String person, String role, String reason, String requestId) {

        static GrantForm empty() {
            return new GrantForm("", "", "", RequestIds.fresh());
        }

        GrantForm again() {
            return new GrantForm(person, role, reason, RequestIds.fresh());
        }
    }

    /** One grant in the list. */
    public record GrantRow(String id, String person, String role, String since, boolean pending) {
    }

    private final Platform platform;
    private final MessageSource messages;
    private final Dates dates;

    public PeopleController(Platform platform, MessageSource messages, Dates dates) {
        this.platform = platform;
        this.messages = messages;
        this.dates = dates;
    }

    @GetMapping("/commissions/{commissionId}/people")
    public String people(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                         @RequestParam(name = "done", required = false) String done, Model model) {
        model.addAttribute("done", Outcomes.known(done, DONE));
        return render(KeycloakCallers.from(jwt), commissionId, GrantForm.empty(), FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/people")
    public String grant(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, GrantForm form, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        FormErrors errors = FormErrors.none();
        if (HomeController.blank(form.person())) {
            errors.add("person", text("people.person.missing"));
        }
        if (form.role() == null || !ROLES.contains(form.role())) {
            errors.add("role", text("people.role.missing"));
        }
        if (!errors.isEmpty()) {
            return render(caller, commissionId, form, errors, model);
        }
        try {
            platform.roleGrants().createRoleGrant(CreateRoleGrantRequest.newBuilder()
                    .setParent(Names.commission(commissionId))
                    .setRoleGrant(RoleGrant.newBuilder().setPerson(form.person().strip()).setRole(RoleGrant.Role.valueOf(form.role())))
                    .setReason(form.reason() == null ? "" : form.reason().strip())
                    .setRequestId(RequestIds.orFresh(form.requestId()))
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors refused = refusedGrant(refusal).or(() -> FormErrors.from(refusal, GRANT_FIELDS, "person"))
                    .orElseThrow(() -> refusal);
            return render(caller, commissionId, form.again(), refused, model);
        }
        return "redirect:/commissions/" + commissionId + "/people?done=granted";
    }

    @GetMapping("/commissions/{commissionId}/people/{grantId}/remove")
    public String removeForm(@PathVariable String commissionId, @PathVariable String grantId, Model model) {
        return renderRemove(commissionId, grantId, "", FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/people/{grantId}/remove")
    public String remove(@PathVariable String commissionId, @PathVariable String grantId,
                         @RequestParam(name = "reason", required = false) String reason, Model model) {
        try {
            platform.roleGrants().deleteRoleGrant(DeleteRoleGrantRequest.newBuilder()
                    .setName(Names.commission(commissionId) + "/roleGrants/" + grantId)
                    .setReason(reason == null ? "" : reason.strip())
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors refused = refusedGrant(refusal).map(errors -> FormErrors.none().add("reason", errors.getSummary().getFirst().message()))
                    .or(() -> FormErrors.from(refusal, Map.of("reason", "reason"), "reason"))
                    .orElseThrow(() -> refusal);
            return renderRemove(commissionId, grantId, reason, refused, model);
        }
        return "redirect:/commissions/" + commissionId + "/people?done=removed";
    }

    /**
     * The separation-of-duties refusals, in plain words on the field they are about: giving oneself a role,
     * a facilitator giving the facilitator or finance role, nobody by that name, a role held already.
     */
    private Optional<FormErrors> refusedGrant(StatusRuntimeException refusal) {
        if (Refusals.is(refusal, Status.Code.PERMISSION_DENIED, "OWN_ROLE")) {
            return Optional.of(FormErrors.none().add("person", text("people.refused.ownRole")));
        }
        if (Refusals.is(refusal, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED")) {
            return Optional.of(FormErrors.none().add("role", text("people.refused.coordinatorsOnly")));
        }
        if (Refusals.is(refusal, Status.Code.NOT_FOUND, "PERSON_NOT_FOUND")) {
            return Optional.of(FormErrors.none().add("person", text("people.refused.nobody")));
        }
        if (Refusals.is(refusal, Status.Code.ALREADY_EXISTS, "ROLE_ALREADY_GRANTED")) {
            return Optional.of(FormErrors.none().add("role", text("people.refused.already")));
        }
        return Optional.empty();
    }

    private String render(Caller caller, String commissionId, GrantForm form, FormErrors errors, Model model) {
        var commissions = platform.commissions();
        var roleGrants = platform.roleGrants();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> grants(roleGrants, commissionId)));
        @SuppressWarnings("unchecked")
        List<RoleGrant> grants = (List<RoleGrant>) answers.get(1);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("grants", grants.stream().map(this::row).toList());
        model.addAttribute("mayGrant", ContractAccess.allows(caller, RoleGrantsServiceGrpc.getCreateRoleGrantMethod(), commissionId));
        model.addAttribute("mayRemove", ContractAccess.allows(caller, RoleGrantsServiceGrpc.getDeleteRoleGrantMethod(), commissionId));
        model.addAttribute("roles", ROLES);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "people";
    }

    private String renderRemove(String commissionId, String grantId, String reason, FormErrors errors, Model model) {
        RoleGrant grant = grants(platform.roleGrants(), commissionId).stream()
                .filter(g -> Names.id(g.getName()).equals(grantId))
                .findFirst()
                .orElseThrow(() -> Status.NOT_FOUND.asRuntimeException());
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()));
        model.addAttribute("grant", row(grant));
        model.addAttribute("reason", reason == null ? "" : reason);
        model.addAttribute("errors", errors);
        return "people-remove";
    }

    /** The commission's grants in force, oldest first (the stub made on the request's thread: it holds the person's token). */
    private static List<RoleGrant> grants(RoleGrantsServiceBlockingStub roleGrants, String commissionId) {
        return Paging.all(pageToken -> roleGrants.listRoleGrants(ListRoleGrantsRequest.newBuilder()
                        .setParent(Names.commission(commissionId)).setPageSize(CommissionController.LIST_SIZE)
                        .setPageToken(pageToken).build()),
                ListRoleGrantsResponse::getRoleGrantsList, ListRoleGrantsResponse::getNextPageToken);
    }

    private GrantRow row(RoleGrant grant) {
        return new GrantRow(Names.id(grant.getName()), grant.getPerson(), grant.getRole().name(), dates.shortDay(grant.getCreateTime()),
                grant.getMirrorState() == RoleGrant.MirrorState.PENDING);
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
