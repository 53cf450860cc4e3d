package org.chorus.payments.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The guidance for one situation and plan. Nothing in it is stored by the engine.
 *
 * @param rulesVersions the versions of the rules files used, to record with a person's choice
 * @param suggestion    what we suggest: a bank transfer when it looks safe, otherwise to ask an adviser first
 * @param notices       what applies to every benefit (advice, Council Tax, expenses, vouchers, guesses made)
 */
public record Guidance(List<String> rulesVersions, List<BenefitGuidance> benefits, List<MethodOption> methods,
                       Suggestion suggestion, Notice suggestionNotice, List<Notice> notices, Totals totals) {

    /** What we suggest. We never choose for the person: every way stays open to them. */
    public enum Suggestion {
        /** No benefit they told us about should change. */
        BANK_TRANSFER_LOOKS_SAFE,
        /** A benefit could change, or we lack a rule: get free advice before choosing. */
        ASK_AN_ADVISER_FIRST
    }

    /** What the plan adds up to. Expenses and time credits are kept apart from pay. */
    public record Totals(Money fees, Money vouchers, Money expenses, Money timeCreditValue) {
        public Money countedAsEarnings() {
            return fees.plus(vouchers);
        }
    }

    public Guidance {
        rulesVersions = List.copyOf(rulesVersions);
        benefits = List.copyOf(benefits);
        methods = List.copyOf(methods);
        notices = List.copyOf(notices);
    }

    public BenefitGuidance benefit(BenefitKind kind) {
        return benefits.stream().filter(b -> b.benefit() == kind).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No guidance for " + kind));
    }

    public MethodOption method(PaymentMethod method) {
        return methods.stream().filter(m -> m.method() == method).findFirst().orElseThrow();
    }

    /** Every notice, in the order a person reads them. */
    public List<Notice> allNotices() {
        List<Notice> all = new ArrayList<>();
        benefits.forEach(b -> all.addAll(b.notices()));
        methods.forEach(m -> all.addAll(m.notices()));
        all.add(suggestionNotice);
        all.addAll(notices);
        return all;
    }

    /** The guidance as a person reads it, with a heading per benefit. */
    public String asText() {
        StringBuilder out = new StringBuilder();
        for (BenefitGuidance b : benefits) {
            out.append(capitalise(Words.name(b.benefit()))).append('\n');
            b.notices().forEach(n -> out.append("- ").append(n.text()).append('\n'));
            out.append('\n');
        }
        out.append(Words.Template.HEADING_WAYS_TO_BE_PAID.text()).append('\n');
        methods.forEach(m -> m.notices().forEach(n -> out.append("- ").append(n.text()).append('\n')));
        out.append("- ").append(suggestionNotice.text()).append("\n\n");
        out.append(Words.Template.HEADING_GOOD_TO_KNOW.text()).append('\n');
        out.append(notices.stream().map(n -> "- " + n.text()).collect(Collectors.joining("\n"))).append('\n');
        return out.toString();
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
