package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.chorus.commissions.v1.ArchiveCommissionRequest;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.console.platform.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Closing (archiving) a commission, for network coordinators: a page that says what it does, then
 * ArchiveCommission with the reason. Its record is kept and can still be read; nothing in it can be changed.
 */
@Controller
public class ArchiveController {

    private final Platform platform;
    private final MessageSource messages;

    public ArchiveController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/archive")
    public String archiveForm(@PathVariable String commissionId, Model model) {
        Commission commission = commission(commissionId);
        if (commission.getState() == Commission.State.ARCHIVED) {
            return "redirect:/commissions/" + commissionId;
        }
        return render(commissionId, commission, commission.getEtag(), "", FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/archive")
    public String archive(@PathVariable String commissionId, @RequestParam(name = "reason", required = false) String reason,
                          @RequestParam(name = "etag", required = false) String etag, Model model) {
        if (HomeController.blank(reason)) {
            return render(commissionId, commission(commissionId), etag, "", FormErrors.none().add("reason", text("archive.reason.missing")),
                    model);
        }
        try {
            platform.commissions().archiveCommission(ArchiveCommissionRequest.newBuilder()
                    .setName(Names.commission(commissionId))
                    .setEtag(etag == null ? "" : etag)
                    .setReason(reason.strip())
                    .build());
        } catch (StatusRuntimeException refusal) {
            if (Refusals.reason(refusal).filter("ALREADY_ARCHIVED"::equals).isPresent()) {
                return "redirect:/commissions/" + commissionId;
            }
            FormErrors errors = FormErrors.from(refusal, Map.of("reason", "reason"), "reason").orElseThrow(() -> refusal);
            return render(commissionId, commission(commissionId), etag, reason, errors, model);
        }
        return "redirect:/commissions/" + commissionId;
    }

    private String render(String commissionId, Commission commission, String etag, String reason, FormErrors errors, Model model) {
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", commission);
        model.addAttribute("etag", etag == null ? "" : etag);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        return "commission-archive";
    }

    private Commission commission(String commissionId) {
        return platform.commissions().getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build());
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
