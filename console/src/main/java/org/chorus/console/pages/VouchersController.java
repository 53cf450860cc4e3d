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
import org.chorus.console.text.Pounds;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.payments.v1.GetVoucherStockRequest;
import org.chorus.payments.v1.LoadVouchersRequest;
import org.chorus.payments.v1.Payout;
import org.chorus.payments.v1.PayoutsServiceGrpc;
import org.chorus.payments.v1.VoucherStock;
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
 * Vouchers, for finance and coordinators: what is left of those the commission bought (GetVoucherStock), loading
 * codes it bought (LoadVouchers), and giving vouchers to the members who chose them (CreatePayout, vouchers).
 */
@Controller
public class VouchersController {

    /** Which part of LoadVouchers' request each form field fills, for the platform's field violations. */
    private static final Map<String, String> VOUCHER_FIELDS = Map.of("supplier", "supplier", "value", "value", "codes", "codes");
    private static final Set<String> DONE = Set.of("loaded", "nothing");

    /** The load form as typed. The request id makes a second press of the button harmless. */
    public record VoucherForm(String supplier, String value, String codes, String requestId) {

        static VoucherForm empty() {
            return new VoucherForm("", "", "", RequestIds.fresh());
        }

        VoucherForm again() {
            return new VoucherForm(supplier, value, codes, RequestIds.fresh());
        }
    }

    private final Platform platform;
    private final MessageSource messages;

    public VouchersController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/vouchers")
    public String vouchers(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                           @RequestParam(name = "done", required = false) String done, Model model) {
        model.addAttribute("done", Outcomes.known(done, DONE));
        return render(KeycloakCallers.from(jwt), commissionId, VoucherForm.empty(), FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/vouchers")
    public String load(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, VoucherForm form, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        FormErrors errors = FormErrors.none();
        if (HomeController.blank(form.supplier())) {
            errors.add("supplier", text("vouchers.supplier.missing"));
        }
        Optional<Long> pence = Pounds.parse(form.value()).filter(p -> p > 0);
        if (pence.isEmpty()) {
            errors.add("value", text("vouchers.value.invalid"));
        }
        List<String> codes = VoucherCodes.lines(form.codes());
        VoucherCodes.problem(codes).ifPresent(problem -> errors.add("codes", text(problem.key(), problem.code())));
        if (!errors.isEmpty()) {
            return render(caller, commissionId, form, errors, model);
        }
        try {
            platform.payouts().loadVouchers(LoadVouchersRequest.newBuilder()
                    .setParent(Names.commission(commissionId))
                    .setSupplier(form.supplier().strip())
                    .setValue(Pounds.money(pence.get()))
                    .addAllCodes(codes)
                    .setRequestId(RequestIds.orFresh(form.requestId()))
                    .build());
        } catch (StatusRuntimeException refusal) {
            if (Refusals.is(refusal, Status.Code.ALREADY_EXISTS, "VOUCHER_LOADED_ALREADY")) {
                String message = VoucherCodes.loadedBefore(refusal.getStatus().getDescription(), codes)
                        .map(code -> text("vouchers.codes.loadedBefore", code))
                        .orElse(text("vouchers.codes.oneLoadedBefore"));
                return render(caller, commissionId, form.again(), FormErrors.none().add("codes", message), model);
            }
            FormErrors fromPlatform = FormErrors.from(refusal, VOUCHER_FIELDS, "codes").orElseThrow(() -> refusal);
            return render(caller, commissionId, form.again(), fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/vouchers?done=loaded";
    }

    /** Gives vouchers to the members who chose them, for what is approved and waiting. */
    @PostMapping("/commissions/{commissionId}/vouchers/give")
    public String give(@PathVariable String commissionId, @RequestParam(name = "requestId", required = false) String requestId) {
        return PayoutsController.pay(platform, commissionId, Payout.Method.VOUCHERS, requestId)
                .map(payout -> "redirect:/commissions/" + commissionId + "/payouts/" + Names.id(payout.getName()) + "?done=given")
                .orElse("redirect:/commissions/" + commissionId + "/vouchers?done=nothing");
    }

    private String render(Caller caller, String commissionId, VoucherForm form, FormErrors errors, Model model) {
        var commissions = platform.commissions();
        var payouts = platform.payouts();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> payouts.getVoucherStock(GetVoucherStockRequest.newBuilder()
                        .setName(Names.commission(commissionId) + "/voucherStock").build())));
        VoucherStock stock = (VoucherStock) answers.get(1);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("count", stock.getCount());
        model.addAttribute("total", Pounds.of(stock.getTotal()));
        model.addAttribute("mayLoad", ContractAccess.allows(caller, PayoutsServiceGrpc.getLoadVouchersMethod(), commissionId));
        model.addAttribute("mayGive", ContractAccess.allows(caller, PayoutsServiceGrpc.getCreatePayoutMethod(), commissionId));
        model.addAttribute("giveRequestId", RequestIds.fresh());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "vouchers";
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
