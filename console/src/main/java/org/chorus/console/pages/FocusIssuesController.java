package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc;
import org.chorus.commissions.v1.CreateFocusIssueRequest;
import org.chorus.commissions.v1.DecideFocusIssueRequest;
import org.chorus.commissions.v1.FocusIssue;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListFocusIssuesRequest;
import org.chorus.commissions.v1.ListFocusIssuesResponse;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
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
 * The issues a commission's group proposed to focus on, and what the group decided about each. Anyone in the
 * commission may propose one; facilitators record the group's decision, in the group's own words: it is the
 * group's decision, not theirs.
 */
@Controller
public class FocusIssuesController {

    /** What the page may say was saved, from its {@code saved} parameter. */
    private static final Set<String> SAVED = Set.of("proposed", "decided");
    private static final Map<String, String> ISSUE_FIELDS = Map.of(
            "focus_issue.title", "title",
            "focus_issue.description", "description");

    /** One issue as the page shows it; its id (never its title) names it in the decision form's address. */
    public record IssueRow(String id, String title, String description, String state, String howDecided, String etag) {
    }

    /** The propose form as typed. The request id makes a second press of the button harmless. */
    public record IssueForm(String title, String description, String requestId) {

        static IssueForm empty() {
            return new IssueForm("", "", RequestIds.fresh());
        }

        IssueForm again() {
            return new IssueForm(title, description, RequestIds.fresh());
        }
    }

    /** One issue's decision form as typed: which issue, and what was chosen and written. */
    public record DecisionForm(String issueId, String outcome, String howDecided) {

        static DecisionForm none() {
            return new DecisionForm("", null, "");
        }
    }

    private final Platform platform;
    private final MessageSource messages;

    public FocusIssuesController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/focus-issues")
    public String issues(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                         @RequestParam(name = "saved", required = false) String saved, Model model) {
        return render(KeycloakCallers.from(jwt), commissionId, Outcomes.known(saved, SAVED),
                IssueForm.empty(), DecisionForm.none(), FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/focus-issues")
    public String propose(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, IssueForm form, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        if (HomeController.blank(form.title())) {
            return render(caller, commissionId, null, form, DecisionForm.none(),
                    FormErrors.none().add("title", text("issues.propose.title.missing")), model);
        }
        try {
            platform.focusIssues().createFocusIssue(CreateFocusIssueRequest.newBuilder()
                    .setParent(Names.commission(commissionId))
                    .setFocusIssue(FocusIssue.newBuilder()
                            .setTitle(form.title().strip())
                            .setDescription(form.description() == null ? "" : form.description().strip()))
                    .setRequestId(RequestIds.orFresh(form.requestId()))
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, ISSUE_FIELDS, "title").orElseThrow(() -> refusal);
            return render(caller, commissionId, null, form.again(), DecisionForm.none(), fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/focus-issues?saved=proposed";
    }

    /** The group's decision about one proposed issue, with the issue's etag as the page showed it. */
    @PostMapping("/commissions/{commissionId}/focus-issues/{issueId}/decision")
    public String decide(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String issueId,
                         @RequestParam(name = "outcome", required = false) String outcome,
                         @RequestParam(name = "howDecided", required = false) String howDecided,
                         @RequestParam(name = "etag", required = false) String etag, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        Optional<DecideFocusIssueRequest.Outcome> decided = FormChoices.of(DecideFocusIssueRequest.Outcome.class, outcome);
        FormErrors errors = FormErrors.none();
        if (decided.isEmpty()) {
            errors.add("outcome-" + issueId, text("issues.decide.outcome.missing"));
        }
        if (HomeController.blank(howDecided)) {
            errors.add("howDecided-" + issueId, text("issues.decide.how.missing"));
        }
        DecisionForm typed = new DecisionForm(issueId, outcome, howDecided == null ? "" : howDecided);
        if (!errors.isEmpty()) {
            return render(caller, commissionId, null, IssueForm.empty(), typed, errors, model);
        }
        try {
            platform.focusIssues().decideFocusIssue(DecideFocusIssueRequest.newBuilder()
                    .setName(Names.focusIssue(commissionId, issueId))
                    .setOutcome(decided.get())
                    .setHowDecided(howDecided.strip())
                    .setEtag(etag == null ? "" : etag)
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal,
                    Map.of("outcome", "outcome-" + issueId, "how_decided", "howDecided-" + issueId), "howDecided-" + issueId)
                    .orElseThrow(() -> refusal);
            return render(caller, commissionId, null, IssueForm.empty(), typed, fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/focus-issues?saved=decided";
    }

    private String render(Caller caller, String commissionId, String saved, IssueForm form, DecisionForm decision,
                          FormErrors errors, Model model) {
        var commissions = platform.commissions();
        var focusIssues = platform.focusIssues();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> Paging.all(
                        pageToken -> focusIssues.listFocusIssues(ListFocusIssuesRequest.newBuilder()
                                .setParent(Names.commission(commissionId)).setPageSize(CommissionController.LIST_SIZE)
                                .setPageToken(pageToken).build()),
                        ListFocusIssuesResponse::getFocusIssuesList, ListFocusIssuesResponse::getNextPageToken)));
        @SuppressWarnings("unchecked")
        List<FocusIssue> issues = (List<FocusIssue>) answers.get(1);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("issues", issues.stream()
                .map(issue -> new IssueRow(Names.id(issue.getName()), issue.getTitle(), issue.getDescription(), issue.getState().name(),
                        issue.getHowDecided(), issue.getEtag()))
                .toList());
        model.addAttribute("saved", saved);
        model.addAttribute("mayPropose",
                ContractAccess.allows(caller, CommissionFocusIssuesServiceGrpc.getCreateFocusIssueMethod(), commissionId));
        model.addAttribute("mayDecide",
                ContractAccess.allows(caller, CommissionFocusIssuesServiceGrpc.getDecideFocusIssueMethod(), commissionId));
        model.addAttribute("form", form);
        model.addAttribute("decision", decision);
        model.addAttribute("errors", errors);
        return "focus-issues";
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
