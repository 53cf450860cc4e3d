package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetPhaseModelRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.commissions.v1.ListCommissionsResponse;
import org.chorus.commissions.v1.PhaseModel;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.reporting.v1.ReportingServiceGrpc;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The commissions a person can see, and for a network coordinator the form to open one. */
@Controller
public class HomeController {

    static final int PAGE_SIZE = 25;
    /** Which part of CreateCommission's request each form field fills, for the platform's field violations. */
    private static final Map<String, String> COMMISSION_FIELDS = Map.of(
            "commission.display_name", "displayName",
            "commission_id", "commissionId",
            "commission.place", "place");

    /** One commission in the list, with the phase it is in (empty when it has not set its phases). */
    public record CommissionRow(String id, String displayName, String place, String phase, boolean archived) {
    }

    /** The open-a-commission form as typed; the request id makes a second press of the button harmless. */
    public record CommissionForm(String displayName, String commissionId, String place, String requestId) {

        static CommissionForm empty() {
            return new CommissionForm("", "", "", UUID.randomUUID().toString());
        }

        /** The same answers with a new request id: a refused request is not the one to replay. */
        CommissionForm again() {
            return new CommissionForm(displayName, commissionId, place, UUID.randomUUID().toString());
        }
    }

    private final Platform platform;
    private final MessageSource messages;

    public HomeController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/")
    public String home(@AuthenticationPrincipal Jwt jwt, @RequestParam(name = "page", required = false) String pageToken,
                       Model model) {
        return render(KeycloakCallers.from(jwt), pageToken, CommissionForm.empty(), FormErrors.none(), model);
    }

    @PostMapping("/commissions")
    public String openCommission(@AuthenticationPrincipal Jwt jwt, CommissionForm form, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        FormErrors errors = FormErrors.none();
        if (blank(form.displayName())) {
            errors.add("displayName", text("home.open.name.missing"));
        }
        if (blank(form.commissionId())) {
            errors.add("commissionId", text("home.open.id.missing"));
        }
        if (!errors.isEmpty()) {
            return render(caller, null, form, errors, model);
        }
        try {
            Commission opened = platform.commissions().createCommission(CreateCommissionRequest.newBuilder()
                    .setCommissionId(form.commissionId().strip())
                    .setRequestId(blank(form.requestId()) ? UUID.randomUUID().toString() : form.requestId())
                    .setCommission(Commission.newBuilder()
                            .setDisplayName(form.displayName().strip())
                            .setPlace(form.place() == null ? "" : form.place().strip()))
                    .build());
            return "redirect:/commissions/" + Names.id(opened.getName());
        } catch (StatusRuntimeException refusal) {
            if (refusal.getStatus().getCode() == io.grpc.Status.Code.ALREADY_EXISTS) {
                return render(caller, null, form.again(), FormErrors.none().add("commissionId", text("home.open.id.taken")), model);
            }
            return render(caller, null, form.again(),
                    FormErrors.from(refusal, COMMISSION_FIELDS, "displayName").orElseThrow(() -> refusal), model);
        }
    }

    private String render(Caller caller, String pageToken, CommissionForm form, FormErrors errors, Model model) {
        ListCommissionsResponse page = platform.commissions().listCommissions(ListCommissionsRequest.newBuilder()
                .setPageSize(PAGE_SIZE)
                .setPageToken(pageToken == null ? "" : pageToken)
                .build());
        List<Callable<CommissionRow>> rows = new ArrayList<>();
        for (Commission commission : page.getCommissionsList()) {
            var phases = platform.phases();
            rows.add(() -> {
                PhaseModel phaseModel = SideBySide.orNothing(() -> phases.getPhaseModel(GetPhaseModelRequest.newBuilder()
                        .setName(commission.getName() + "/phaseModel").build()));
                return new CommissionRow(Names.id(commission.getName()), commission.getDisplayName(), commission.getPlace(),
                        phaseModel == null ? "" : phaseModel.getCurrentPhase(), commission.getState() == Commission.State.ARCHIVED);
            });
        }
        model.addAttribute("commissions", SideBySide.all(rows));
        model.addAttribute("nextPage", page.getNextPageToken());
        model.addAttribute("mayOpen", ContractAccess.allows(caller, CommissionsServiceGrpc.getCreateCommissionMethod(), null));
        model.addAttribute("mayReadNetwork", ContractAccess.allows(caller, ReportingServiceGrpc.getGetImpactMethod(), null));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "home";
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
