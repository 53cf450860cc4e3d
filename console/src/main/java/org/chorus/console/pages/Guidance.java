package org.chorus.console.pages;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.text.Pounds;
import org.chorus.payments.v1.BenefitsGuidance;
import org.chorus.payments.v1.BenefitsPlan;
import org.chorus.payments.v1.MethodOption;
import org.chorus.payments.v1.PaymentChoice;
import org.chorus.payments.v1.PaymentKind;
import org.chorus.payments.v1.PaymentMethod;
import org.chorus.payments.v1.PlannedPayment;
import org.springframework.ui.Model;

/**
 * Benefits guidance for one payment tried, and the choice made after reading it: the same for a member trying a
 * payment themself and for a facilitator working it out with a member. Everything about benefits travels only in
 * form bodies, never in an address.
 */
public final class Guidance {

    /** Which form field each part of PreviewBenefitsGuidance's and CreatePaymentChoice's requests comes from. */
    static final Map<String, String> PLAN_FIELDS = Map.of(
            "plan", "amount",
            "payment_choice.plan", "method",
            "payment_choice.method", "method",
            "payment_choice.lower_amount", "lowerAmount",
            "payment_choice", "method");

    /**
     * One part of the guidance as the platform writes it for members ({@code BenefitsGuidance.text}): a heading
     * line (a benefit, "ways to be paid", "good to know"), then a line for each thing to read, each begun "- ".
     */
    public record Block(String heading, List<String> lines) {
    }

    /**
     * The choice form as sent: the plan the guidance was for ({@code pence} on {@code day}) and the guidance's own
     * marks (its rules versions and fingerprint), then the way chosen. The request id makes a second press harmless.
     */
    public record ChoiceForm(String pence, String day, String method, String lowerAmount, List<String> rulesVersions,
                             String fingerprint, Boolean london, String requestId) {

        /** The amount and day of the plan, when they are as this console's form sent them. */
        Optional<Tried> tried() {
            try {
                return Optional.of(new Tried(Long.parseLong(pence), LocalDate.parse(day)));
            } catch (NumberFormatException | DateTimeParseException | NullPointerException notFromOurForm) {
                return Optional.empty();
            }
        }

        /**
         * What is missing from the choice: a way, or the lower amount when that is the way.
         *
         * @param methodMissing the key of the words asking for a way (to the member, or about them)
         */
        FormErrors errors(Function<String, String> text, String methodMissing) {
            FormErrors errors = FormErrors.none();
            PaymentMethod chosen = Guidance.method(method);
            if (chosen == PaymentMethod.PAYMENT_METHOD_UNSPECIFIED) {
                errors.add("method", text.apply(methodMissing));
            }
            if (chosen == PaymentMethod.LOWER_AMOUNT && Pounds.parse(lowerAmount).isEmpty()) {
                errors.add("lowerAmount", text.apply("try.lowerAmount.invalid"));
            }
            return errors;
        }

        /** The choice to record, once {@link #errors} has none. */
        PaymentChoice choice(Tried tried) {
            PaymentMethod chosen = Guidance.method(method);
            PaymentChoice.Builder choice = PaymentChoice.newBuilder()
                    .setMethod(chosen)
                    .setPlan(plan(tried.pence(), tried.paidOn()))
                    .setLondon(Boolean.TRUE.equals(london))
                    .addAllRulesVersions(rulesVersions == null ? List.of() : rulesVersions)
                    .setGuidanceFingerprint(fingerprint == null ? "" : fingerprint);
            if (chosen == PaymentMethod.LOWER_AMOUNT) {
                choice.setLowerAmount(Pounds.money(Pounds.parse(lowerAmount).orElseThrow()));
            }
            return choice.build();
        }

        String requestIdOrNew() {
            return RequestIds.orFresh(requestId);
        }
    }

    /** A payment tried: how much, and on which day. */
    record Tried(long pence, LocalDate paidOn) {
    }

    private Guidance() {
    }

    /** What the guidance page shows and its choice form sends back, for a payment of {@code pence} on {@code paidOn}. */
    static void show(Model model, BenefitsGuidance guidance, Tried tried, boolean london, FormErrors errors) {
        model.addAttribute("amountShown", Pounds.fromPence(tried.pence()));
        model.addAttribute("pence", tried.pence());
        model.addAttribute("day", tried.paidOn().toString());
        model.addAttribute("london", london);
        model.addAttribute("guidance", guidance);
        model.addAttribute("blocks", blocks(guidance.getText()));
        model.addAttribute("methods", methods(guidance));
        model.addAttribute("requestId", RequestIds.fresh());
        model.addAttribute("errors", errors);
    }

    /** One fee, paid on one day: what "try a payment" asks about. */
    static BenefitsPlan plan(long pence, LocalDate paidOn) {
        return BenefitsPlan.newBuilder()
                .addPayments(PlannedPayment.newBuilder()
                        .setDate(com.google.type.Date.newBuilder()
                                .setYear(paidOn.getYear()).setMonth(paidOn.getMonthValue()).setDay(paidOn.getDayOfMonth()))
                        .setKind(PaymentKind.FEE)
                        .setAmount(Pounds.money(pence)))
                .build();
    }

    /**
     * The guidance's text as the platform wrote it, a block for each part between blank lines: its first line
     * the heading, unless it begins "- ", and each line after it one thing to read, without its dash.
     */
    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        for (String block : text.split("\\R\\s*\\R")) {
            List<String> lines = block.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (lines.isEmpty()) {
                continue;
            }
            boolean headed = !lines.get(0).startsWith("- ");
            blocks.add(new Block(headed ? lines.get(0) : "",
                    lines.subList(headed ? 1 : 0, lines.size()).stream()
                            .map(line -> line.startsWith("- ") ? line.substring(2).strip() : line).toList()));
        }
        return blocks;
    }

    /** A method the form sent, or unspecified for anything but one of the contract's ways. */
    static PaymentMethod method(String typed) {
        if (typed == null) {
            return PaymentMethod.PAYMENT_METHOD_UNSPECIFIED;
        }
        return switch (typed) {
            case "BANK_TRANSFER", "VOUCHERS", "TIME_CREDITS", "LOWER_AMOUNT", "NO_PAYMENT", "DONATE" -> PaymentMethod.valueOf(typed);
            default -> PaymentMethod.PAYMENT_METHOD_UNSPECIFIED;
        };
    }

    /**
     * The ways to choose from, in the guidance's order (what each would do is in the guidance's text above
     * the form); every way stays open, whatever the guidance suggests.
     */
    static List<String> methods(BenefitsGuidance guidance) {
        List<String> methods = new ArrayList<>();
        for (MethodOption option : guidance.getMethodsList()) {
            if (option.getMethod() != PaymentMethod.PAYMENT_METHOD_UNSPECIFIED && option.getMethod() != PaymentMethod.UNRECOGNIZED) {
                methods.add(option.getMethod().name());
            }
        }
        if (methods.isEmpty()) {
            for (PaymentMethod method : PaymentMethod.values()) {
                if (method != PaymentMethod.PAYMENT_METHOD_UNSPECIFIED && method != PaymentMethod.UNRECOGNIZED) {
                    methods.add(method.name());
                }
            }
        }
        return methods;
    }
}
