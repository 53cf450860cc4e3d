package org.chorus.payments.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.chorus.payments.guidance.Words.Template;
import org.chorus.platform.errors.Violations;

/**
 * A letter a person can give their adviser or work coach: what they do with the commission, who
 * pays, how much and how often, how they chose to be paid and why. As text, or as a printable PDF.
 * Every sentence comes from {@link Words}; the names and descriptions are the caller's.
 */
public record AdviserLetter(String title, List<String> paragraphs) {

    static final String REASON = "INVALID_ADVISER_LETTER";

    public AdviserLetter {
        Objects.requireNonNull(title, "title");
        paragraphs = List.copyOf(paragraphs);
    }

    /**
     * What goes in the letter.
     *
     * @param involvement what the person does, in a few words, for example "meets the group every Tuesday"
     * @param payer       who pays, for example "Leeds Poverty Truth Commission, through Chorus"
     * @param reason      why this way of being paid, in the person's words; blank for a standard sentence
     */
    public record Details(String memberName, String commissionName, String involvement, String payer, String contact,
                          Plan plan, PaymentMethod method, String reason, LocalDate written) {
    }

    /**
     * Writes the letter.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT naming each missing or too long field
     */
    public static AdviserLetter write(Details d) {
        Violations v = new Violations();
        v.checkText(d.memberName(), "letter.member_name", "your name", 1, 120);
        v.checkText(d.commissionName(), "letter.commission_name", "the name of the commission", 1, 120);
        v.checkText(d.involvement(), "letter.involvement", "what you do with the commission", 1, 500);
        v.checkText(d.payer(), "letter.payer", "who pays you", 1, 200);
        v.checkText(d.contact(), "letter.contact", "who to contact with questions", 1, 200);
        v.checkText(d.reason(), "letter.reason", "the reason", 0, 500);
        v.check(d.method() != null, "letter.method", "Please choose how you want to be paid.");
        v.check(d.written() != null, "letter.written", Template.ERROR_NO_DATE.text());
        v.check(d.plan() != null && !d.plan().allPayments().isEmpty(), "letter.plan", Template.ERROR_NOTHING_PLANNED.text());
        v.throwIfAny(REASON, Template.ERROR_REQUEST.text());

        String name = d.memberName().strip();
        List<String> out = new ArrayList<>();
        out.add(Template.LETTER_HEADING.fill("name", name));
        out.add(Template.LETTER_ABOUT.fill("name", name, "commission", d.commissionName().strip()));
        out.add(Template.LETTER_WHAT.fill("name", name, "involvement", stripFullStop(d.involvement())));
        out.add(Template.LETTER_WHO_PAYS.fill("payer", stripFullStop(d.payer())));
        for (WeeklyPattern p : d.plan().patterns()) {
            out.add(Template.LETTER_PATTERN.fill("amount", p.feePerWeek().toString(), "weeks", String.valueOf(p.weeks()),
                    "date", Words.day(p.firstDate()), "hours", p.perWeek().toString(), "rate", p.rate().perHour().toString()));
        }
        Money expenses = Money.ZERO;
        Money earnings = Money.ZERO;
        for (PlannedPayment p : d.plan().allPayments()) {
            expenses = p.kind() == PaymentKind.EXPENSE ? expenses.plus(p.amount()) : expenses;
            earnings = earnings.plus(p.earnings());
        }
        for (PlannedPayment p : d.plan().payments()) {
            switch (p.kind()) {
                case EXPENSE -> { }
                case TIME_CREDIT -> out.add(Template.LETTER_TIME_CREDITS.fill("hours", p.time().toString(), "date", Words.day(p.date())));
                default -> out.add(p.time().isZero()
                        ? Template.LETTER_PAYMENT_NO_TIME.fill("amount", p.amount().toString(), "date", Words.day(p.date()))
                        : Template.LETTER_PAYMENT.fill("amount", p.amount().toString(), "date", Words.day(p.date()),
                                "hours", p.time().toString()));
            }
        }
        out.add(Template.LETTER_TOTAL.fill("total", earnings.toString()));
        if (expenses.isPositive()) {
            out.add(Template.LETTER_EXPENSES.fill("expenses", expenses.toString()));
        }
        out.add(Template.LETTER_METHOD.fill("name", name, "method", Words.name(d.method())));
        out.add(d.reason() == null || d.reason().isBlank()
                ? Template.LETTER_REASON_FROM_GUIDANCE.fill("name", name)
                : Template.LETTER_REASON.fill("reason", d.reason().strip()));
        out.add(Template.LETTER_CONTACT.fill("contact", stripFullStop(d.contact())));
        out.add(Template.NOT_LEGAL_ADVICE.text());
        out.add(Template.LETTER_DATE.fill("date", Words.day(d.written())));
        return new AdviserLetter(Template.LETTER_TITLE.fill("name", name, "commission", d.commissionName().strip()), out);
    }

    /** The letter as plain text, a blank line between paragraphs. */
    public String asText() {
        return title + "\n\n" + String.join("\n\n", paragraphs) + "\n";
    }

    /** The letter as a printable A4 PDF. */
    public byte[] asPdf() {
        return AdviserLetterPdf.render(this);
    }

    private static String stripFullStop(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
