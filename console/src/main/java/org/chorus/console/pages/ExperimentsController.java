package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc;
import org.chorus.commissions.v1.CreateExperimentRequest;
import org.chorus.commissions.v1.Experiment;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListExperimentsRequest;
import org.chorus.commissions.v1.ListExperimentsResponse;
import org.chorus.commissions.v1.MoveExperimentRequest;
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
 * A commission's experiments, small tests of change: planned, then tried, then what was learnt written down, then
 * kept as how things are done or stopped (and kept on the page: failing early is part of it). Facilitators start
 * one and move it on, one step at a time, as MoveExperiment allows.
 */
@Controller
public class ExperimentsController {

    /** What the page may say was saved, from its {@code saved} parameter. */
    private static final Set<String> SAVED = Set.of("started", "moved");
    private static final Map<String, String> EXPERIMENT_FIELDS = Map.of(
            "experiment.title", "title",
            "experiment.hypothesis", "hypothesis",
            "experiment.change", "change",
            "experiment.lead", "lead");

    /** One experiment as the page shows it, with the steps it may take next (none once it is kept or stopped). */
    public record ExperimentRow(String id, String title, String hypothesis, String change, String lead, String status,
                                String learning, String etag, List<String> next) {
    }

    /** The start form as typed. The request id makes a second press of the button harmless. */
    public record ExperimentForm(String title, String hypothesis, String change, String lead, String requestId) {

        static ExperimentForm empty() {
            return new ExperimentForm("", "", "", "", RequestIds.fresh());
        }

        ExperimentForm again() {
            return new ExperimentForm(title, hypothesis, change, lead, RequestIds.fresh());
        }

        /** What was typed in one of the four fields, by its name in the form. */
        public String value(String field) {
            return switch (field) {
                case "title" -> title;
                case "hypothesis" -> hypothesis;
                case "change" -> change;
                case "lead" -> lead;
                default -> throw new IllegalArgumentException("No such field: " + field);
            };
        }
    }

    /** One experiment's move form as typed. */
    public record MoveForm(String experimentId, String status, String learning) {

        static MoveForm none() {
            return new MoveForm("", null, "");
        }
    }

    private final Platform platform;
    private final MessageSource messages;

    public ExperimentsController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    /** The moves MoveExperiment allows from {@code status}: one step on, and from learning to kept or stopped. */
    static List<Experiment.Status> next(Experiment.Status status) {
        return switch (status) {
            case PLANNED -> List.of(Experiment.Status.RUNNING);
            case RUNNING -> List.of(Experiment.Status.LEARNING_RECORDED);
            case LEARNING_RECORDED -> List.of(Experiment.Status.EMBEDDED, Experiment.Status.STOPPED);
            default -> List.of();
        };
    }

    @GetMapping("/commissions/{commissionId}/experiments")
    public String experiments(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                              @RequestParam(name = "saved", required = false) String saved, Model model) {
        return render(KeycloakCallers.from(jwt), commissionId, Outcomes.known(saved, SAVED),
                ExperimentForm.empty(), MoveForm.none(), FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/experiments")
    public String start(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, ExperimentForm form, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        FormErrors errors = FormErrors.none();
        for (String field : List.of("title", "hypothesis", "change", "lead")) {
            if (HomeController.blank(form.value(field))) {
                errors.add(field, text("experiments.start." + field + ".missing"));
            }
        }
        if (!errors.isEmpty()) {
            return render(caller, commissionId, null, form, MoveForm.none(), errors, model);
        }
        try {
            platform.experiments().createExperiment(CreateExperimentRequest.newBuilder()
                    .setParent(Names.commission(commissionId))
                    .setExperiment(Experiment.newBuilder()
                            .setTitle(form.title().strip())
                            .setHypothesis(form.hypothesis().strip())
                            .setChange(form.change().strip())
                            .setLead(form.lead().strip()))
                    .setRequestId(RequestIds.orFresh(form.requestId()))
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, EXPERIMENT_FIELDS, "title").orElseThrow(() -> refusal);
            return render(caller, commissionId, null, form.again(), MoveForm.none(), fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/experiments?saved=started";
    }

    /** One step on (MoveExperiment), with what was learnt when that is the step, and the etag the page showed. */
    @PostMapping("/commissions/{commissionId}/experiments/{experimentId}/move")
    public String move(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String experimentId,
                       @RequestParam(name = "status", required = false) String status,
                       @RequestParam(name = "learning", required = false) String learning,
                       @RequestParam(name = "etag", required = false) String etag, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        Optional<Experiment.Status> to = FormChoices.of(Experiment.Status.class, status)
                .filter(chosen -> chosen != Experiment.Status.PLANNED);
        FormErrors errors = FormErrors.none();
        if (to.isEmpty()) {
            errors.add("status-" + experimentId, text("experiments.move.status.missing"));
        }
        boolean learnt = to.isPresent() && to.get() == Experiment.Status.LEARNING_RECORDED;
        if (learnt && HomeController.blank(learning)) {
            errors.add("learning-" + experimentId, text("experiments.move.learning.missing"));
        }
        MoveForm typed = new MoveForm(experimentId, status, learning == null ? "" : learning);
        if (!errors.isEmpty()) {
            return render(caller, commissionId, null, ExperimentForm.empty(), typed, errors, model);
        }
        try {
            platform.experiments().moveExperiment(MoveExperimentRequest.newBuilder()
                    .setName(Names.experiment(commissionId, experimentId))
                    .setStatus(to.get())
                    .setLearning(learnt ? learning.strip() : "")
                    .setEtag(etag == null ? "" : etag)
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal,
                    Map.of("status", "status-" + experimentId, "learning", "learning-" + experimentId), "status-" + experimentId)
                    .orElseThrow(() -> refusal);
            return render(caller, commissionId, null, ExperimentForm.empty(), typed, fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/experiments?saved=moved";
    }

    private String render(Caller caller, String commissionId, String saved, ExperimentForm form, MoveForm move,
                          FormErrors errors, Model model) {
        var commissions = platform.commissions();
        var experiments = platform.experiments();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> Paging.all(
                        pageToken -> experiments.listExperiments(ListExperimentsRequest.newBuilder()
                                .setParent(Names.commission(commissionId)).setPageSize(CommissionController.LIST_SIZE)
                                .setPageToken(pageToken).build()),
                        ListExperimentsResponse::getExperimentsList, ListExperimentsResponse::getNextPageToken)));
        @SuppressWarnings("unchecked")
        List<Experiment> list = (List<Experiment>) answers.get(1);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("experiments", list.stream()
                .map(e -> new ExperimentRow(Names.id(e.getName()), e.getTitle(), e.getHypothesis(), e.getChange(), e.getLead(),
                        e.getStatus().name(), e.getLearning(), e.getEtag(), next(e.getStatus()).stream().map(Enum::name).toList()))
                .toList());
        model.addAttribute("saved", saved);
        model.addAttribute("mayStart",
                ContractAccess.allows(caller, CommissionExperimentsServiceGrpc.getCreateExperimentMethod(), commissionId));
        model.addAttribute("mayMove",
                ContractAccess.allows(caller, CommissionExperimentsServiceGrpc.getMoveExperimentMethod(), commissionId));
        model.addAttribute("form", form);
        model.addAttribute("move", move);
        model.addAttribute("errors", errors);
        return "experiments";
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
