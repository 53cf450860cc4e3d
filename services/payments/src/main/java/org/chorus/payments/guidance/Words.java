package org.chorus.payments.guidance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every sentence a person reads from the benefits guidance, its errors and the adviser letter,
 * in one place. Short, kind and plain: a test fills each template with real values and checks its
 * reading grade (Flesch–Kincaid, at most 6) and that it uses no words that label people.
 *
 * <p>Placeholders are written {@code {name}}. Never build a sentence for people outside this class.
 */
public final class Words {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    private Words() {
    }

    /** The sentences. Each one stands alone: it is read on its own, in any order. */
    public enum Template {
        // Headings.
        HEADING_WAYS_TO_BE_PAID("Ways to be paid"),
        HEADING_GOOD_TO_KNOW("Good to know"),

        // Said every time.
        NOT_LEGAL_ADVICE("This is not legal advice. It is our best guess from the public rules."),
        WHERE_TO_GET_ADVICE("For free help, talk to Citizens Advice or a local welfare rights service. "
                + "They do not work for us or for the DWP. Their help is free."),
        TIME_TO_GET_ADVICE("Give yourself time to get advice before you start. Some forms can take up to two months."),
        COUNCIL_TAX("Each council sets its own rules for help with Council Tax. "
                + "Your help could go down even if your other benefits do not. Ask your council or an adviser."),
        CHECK_THIS("Check this: we are not yet sure of this figure."),
        WEEK_IS_A_GUESS("We count each week from Monday to Sunday. Your benefit week may start on a different day."),
        UC_MONTH_IS_A_GUESS("We have guessed that your Universal Credit month is a calendar month. "
                + "Yours may start on a different day. Your online account shows it."),

        // Money that is not pay.
        EXPENSES_NOT_PAY("We pay you back {expenses} for costs like travel and care. This is not pay, so it does not change your benefits."),
        VOUCHERS_COUNTED("To be safe, we have counted your vouchers as pay."),
        VOUCHERS_TWO_VIEWS("People do not agree about vouchers. The DWP has said they do not change Universal Credit. "
                + "But welfare rights groups say they count as pay. So please ask an adviser first."),
        TAX_YEAR_TOTAL("You would get {amount} from us in the tax year {year}. "
                + "If you get more than {limit} in a tax year, you may need to tell HMRC, the tax office."),

        // Universal Credit.
        UC_GOES_DOWN_ONE_MONTH("Your Universal Credit could go down by about {reduction} in {month}. "
                + "You would keep about {kept} of the {paid}."),
        UC_GOES_DOWN_MANY_MONTHS("Your Universal Credit could go down by about {reduction} in all, over {count} months. "
                + "The most in one month is {most}, in {month}."),
        UC_NO_CHANGE("Your Universal Credit should not change. You would still have {left} to spare in {month}."),
        UC_WORK_ALLOWANCE("You can earn {limit} a month before your Universal Credit goes down. "
                + "This is called your work allowance. It is about {hours} of work at {rate} an hour."),
        OTHER_PAY_COUNTS_TOO("Your other pay of {other} a {period} counts too. That leaves {left} a {period}."),
        UC_TAPER("Above that, your Universal Credit goes down by {taper}p for each £1 you earn."),
        UC_NO_WORK_ALLOWANCE("You do not have a work allowance. So your Universal Credit goes down by {taper}p for each £1 you earn."),
        UC_MAY_HAVE_WORK_ALLOWANCE("People who look after a child, or whose health limits their work, "
                + "often get a work allowance. This lets you earn some money first. Check your online account."),

        // Carer's Allowance.
        CA_UNDER_LIMIT("Your Carer's Allowance should not change. In your busiest week you would earn {total}. "
                + "The limit is {limit} a week, so you would have {left} to spare."),
        CA_OVER_LIMIT("Warning: in the week from {week} you would earn {total}. That is over the limit of {limit}. "
                + "If you go over, even by £1, you lose all your Carer's Allowance for that week."),
        PAYMENT_THAT_CROSSES("The payment of {amount} on {date} is the one that takes you over. "
                + "Up to {room} that week would be safe."),
        MORE_WEEKS_OVER("The same would happen in {count} more weeks of this plan."),
        CA_WEEKLY_LIMIT("You can earn up to {limit} a week. That is about {hours} of work at {rate} an hour."),

        // New style ESA.
        ESA_PERMITTED_WORK("With new style ESA you can do some paid work. This is called permitted work. "
                + "You may need to tell the DWP first. An adviser can help with the form."),
        ESA_UNDER_LOWER_LIMIT("Your ESA should not change. In your busiest week you would earn {total}. "
                + "That is under the {lower} a week limit, so the hours do not matter."),
        ESA_UNDER_HIGHER_LIMIT("Your ESA should not change if you work less than {max_hours} that week. "
                + "In your busiest week you would earn {total}. The top limit is {higher} a week."),
        ESA_OVER_MONEY_LIMIT("Warning: in the week from {week} you would earn {total}. That is over the top limit of {higher}. "
                + "You could lose your ESA for that week. It could affect your claim too."),
        ESA_OVER_HOURS("Warning: in the week from {week} you would work {hours}. "
                + "If you earn more than {lower} that week, {max_hours} or more could stop your ESA."),
        ESA_HOURS_NOT_KNOWN("We do not know how many hours some payments are for. Keep your paid work under {max_hours} a week."),
        ESA_LIMITS("You can earn up to {lower} a week, whatever your hours. That is about {lower_hours} at {rate} an hour. "
                + "Or you can earn up to {higher} a week if you work less than {max_hours}. That is about {higher_hours}."),

        // Income Support, income-based JSA, income-related ESA and Housing Benefit.
        LEGACY_GOES_DOWN_ONE_WEEK("Your {benefit} could go down by about {reduction}. This is in the week from {week}."),
        LEGACY_GOES_DOWN_MANY_WEEKS("Your {benefit} could go down by about {reduction} in all, over {count} weeks. "
                + "The most in one week is {most}."),
        LEGACY_NO_CHANGE("Your {benefit} should not change. In your busiest week you would have {left} to spare."),
        LEGACY_DISREGARD("The first {limit} you earn each week does not count. Above that, your {benefit} goes down by {taper}p for each £1."),
        DISREGARD_ONLY("The first {limit} you earn each week does not count for {benefit}."),
        DISREGARD_BENEFIT_MAY_GO_DOWN("In the week from {week} you would earn more than {limit}. "
                + "So your {benefit} could go down. We do not know by how much, so please ask an adviser."),

        // PIP, DLA and Attendance Allowance.
        NOT_MEANS_TESTED("Your {benefit} will not go down if you are paid. It does not depend on your income or savings."),
        CHANGE_OF_CIRCUMSTANCES("But if you start to do something often, the DWP may want to know. "
                + "An adviser can tell you if you need to tell them."),

        // Pension Credit.
        PENSION_CREDIT_UNKNOWN("We do not have the rules for Pension Credit yet, so we will not guess. "
                + "Please ask an adviser before you take a payment."),

        // Ways to be paid.
        METHOD_BANK_TRANSFER_SAFE("Bank transfer: this should not change your benefits."),
        METHOD_BANK_TRANSFER_AFFECTS("Bank transfer: this could change your benefits, as shown above."),
        METHOD_BANK_TRANSFER_UNKNOWN("Bank transfer: we cannot tell what this would do to your benefits. Please ask an adviser."),
        METHOD_VOUCHERS_NOT_NEEDED("Vouchers: you do not need these. A bank transfer looks safe for you."),
        METHOD_VOUCHERS_ASK("Vouchers: these may or may not count as pay. Please ask an adviser first."),
        METHOD_TIME_CREDITS("Time credits: these have no cash value, so they do not change your benefits. "
                + "You can use them for things like trips and classes."),
        METHOD_LOWER_AMOUNT("A lower amount: you could take up to {amount} a {period}. Your {benefit} would not change."),
        METHOD_LOWER_AMOUNT_STILL_COUNTS("A lower amount: any pay lowers your {benefit} a bit. But less pay means less comes off."),
        METHOD_NO_PAYMENT("No payment: you can say no, take less or give it to a charity. This will not count against you."),
        SUGGEST_BANK_TRANSFER("A bank transfer looks safe for you. You can still choose another way."),
        SUGGEST_ASK_AN_ADVISER("We suggest you talk to an adviser before you choose. You can take them the letter we make for you."),

        // The letter for an adviser or work coach.
        LETTER_TITLE("About {name} and {commission}"),
        LETTER_ABOUT("{name} is a member of {commission}. In this group, people who know a problem first hand "
                + "work with local leaders. Together they make services better."),
        LETTER_WHAT("What {name} does: {involvement}."),
        LETTER_WHO_PAYS("Who pays: {payer}."),
        LETTER_PATTERN("How much: {amount} a week for {weeks} weeks, from {date}. That is {hours} a week at {rate} an hour."),
        LETTER_PAYMENT("How much: {amount} on {date}, for {hours}."),
        LETTER_PAYMENT_NO_TIME("How much: {amount} on {date}."),
        LETTER_TIME_CREDITS("Time credits for {hours} on {date}. These have no cash value."),
        LETTER_TOTAL("In all: {total}."),
        LETTER_EXPENSES("We also pay back costs such as travel: {expenses} in all. This is not pay."),
        LETTER_METHOD("How {name} has chosen to be paid: {method}."),
        LETTER_REASON("Why: {reason}"),
        LETTER_REASON_FROM_GUIDANCE("Why: {name} chose this after reading our guide. It shows how pay could change their benefits."),
        LETTER_CONTACT("If you have questions, please contact {contact}."),
        LETTER_DATE("Written on {date}."),
        LETTER_HEADING("To the adviser or work coach of {name}"),

        // When a request cannot be used.
        ERROR_REQUEST("Some details need fixing before we can give you a guess."),
        ERROR_NO_RULES_FOR_DATE("We do not have the benefit rules for {date} yet, so we cannot say how a payment then could affect you. "
                + "They are for the tax year {year}."),
        ERROR_UNKNOWN_BENEFIT("We do not know the benefit {value}. Please choose one from the list."),
        ERROR_BENEFIT_TWICE("You have listed {benefit} twice. Please list it once."),
        ERROR_NO_BENEFIT_KIND("Please choose a benefit from the list."),
        ERROR_PREMIUM_NEEDED("Please tell us how you get {benefit}. Is it as one person, a couple or a lone parent? "
                + "Or is it at a higher rate?"),
        ERROR_UNKNOWN_PREMIUM("We do not know the level {value}. Please choose single, couple, higher or lone parent."),
        ERROR_WORK_ALLOWANCE("A work allowance is only for people who look after a child, or whose health limits their work. "
                + "Please check this."),
        ERROR_UC_AND_OLD_BENEFIT("Universal Credit took the place of {benefit}, so people do not get both. Please check this."),
        ERROR_NEGATIVE_AMOUNT("An amount cannot be less than £0."),
        ERROR_AMOUNT_ZERO("Please give an amount of more than £0."),
        ERROR_AMOUNT_TOO_LARGE("This is more than {limit}, which is too much for one payment. Please check the amount."),
        ERROR_UNKNOWN_PERIOD("Please say if this is each week or each month."),
        ERROR_NO_DATE("Please give the date of the payment."),
        ERROR_UNKNOWN_PAYMENT_KIND("We do not know the kind {value}. Please choose a fee, costs, vouchers or time credits."),
        ERROR_NEGATIVE_TIME("The time cannot be less than 0 hours."),
        ERROR_TOO_MANY_HOURS("A week has only 168 hours. Please give fewer hours."),
        ERROR_NO_HOURS("Please give the hours each week."),
        ERROR_WEEKS("A pattern can run from 1 to {count} weeks."),
        ERROR_RATE("Please give a rate of more than £0 an hour, and no more than {limit}."),
        ERROR_NOTHING_PLANNED("Please add at least one payment."),
        ERROR_TOO_MANY("That is too many. Please give no more than {count}.");

        private final String text;

        Template(String text) {
            this.text = text;
        }

        /** The raw template, with its placeholders. */
        public String text() {
            return text;
        }

        /** The names of the placeholders it needs, in order. */
        public Set<String> placeholders() {
            Set<String> names = new LinkedHashSet<>();
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** The sentence with every placeholder filled; refuses a missing value. */
        public String fill(Map<String, String> values) {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalArgumentException(name() + " needs a value for {" + m.group(1) + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** Fills from name, value pairs. */
        public String fill(String... namesAndValues) {
            if (namesAndValues.length % 2 != 0) {
                throw new IllegalArgumentException("names and values come in pairs");
            }
            java.util.HashMap<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                values.put(namesAndValues[i], namesAndValues[i + 1]);
            }
            return fill(values);
        }
    }

    /** A benefit's name as people say it. */
    public static String name(BenefitKind kind) {
        return switch (kind) {
            case UNIVERSAL_CREDIT -> "Universal Credit";
            case NEW_STYLE_ESA -> "new style ESA";
            case CARERS_ALLOWANCE -> "Carer's Allowance";
            case INCOME_SUPPORT -> "Income Support";
            case INCOME_BASED_JSA -> "income-based JSA";
            case INCOME_RELATED_ESA -> "income-related ESA";
            case HOUSING_BENEFIT -> "Housing Benefit";
            case PIP -> "PIP";
            case DLA -> "DLA";
            case ATTENDANCE_ALLOWANCE -> "Attendance Allowance";
            case PENSION_CREDIT -> "Pension Credit";
        };
    }

    /** A way of being paid as people say it. */
    public static String name(PaymentMethod method) {
        return switch (method) {
            case BANK_TRANSFER -> "bank transfer";
            case VOUCHERS -> "vouchers";
            case TIME_CREDITS -> "time credits";
            case LOWER_AMOUNT -> "a lower amount";
            case NO_PAYMENT -> "no payment";
            case DONATE -> "giving the money to a charity";
        };
    }

    public static String name(Period period) {
        return period == Period.WEEK ? "week" : "month";
    }

    /** {@code 9 March 2026}. */
    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** {@code Monday 9 March}. */
    public static String weekFrom(LocalDate monday) {
        return WEEK.format(monday);
    }

    /** {@code March 2026}. */
    public static String month(YearMonth month) {
        return MONTH.format(month);
    }

    /** The message for a date whose tax year has no rules loaded. */
    public static String noRulesForDate(LocalDate date) {
        String year;
        try {
            year = TaxYear.containing(date).toString();
        } catch (IllegalArgumentException farAway) {
            year = "of that date";
        }
        return Template.ERROR_NO_RULES_FOR_DATE.fill("date", day(date), "year", year);
    }
}
