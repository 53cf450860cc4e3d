package org.chorus.payments.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.payments.guidance.Fixtures.MARCH_2026;
import static org.chorus.payments.guidance.Fixtures.fee;
import static org.chorus.payments.guidance.Fixtures.guide;
import static org.chorus.payments.guidance.Fixtures.payment;
import static org.chorus.payments.guidance.Fixtures.receiving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chorus.payments.guidance.Words.Template;
import org.chorus.platform.words.ReadingAge;
import org.junit.jupiter.api.Test;

/** Every sentence a person reads is plain: reading grade 6 or less, and no words that label people. */
class PlainWordsTest {

    private static final double MOST_GRADE = 6.0;
    private static final List<String> WORDS_TO_AVOID = List.of("vulnerable", "hard to reach", "hard-to-reach",
            "service user", "claimant", "taper", "disregard", "notional", "assessment period", "capability",
            "means-tested", "premium", "beneficiary");

    /** Real values of the kind each placeholder is filled with. */
    private static final Map<String, String> REALISTIC = Map.ofEntries(
            Map.entry("expenses", "£12.50"), Map.entry("amount", "£40.35"), Map.entry("year", "2025/26"),
            Map.entry("limit", "£196"), Map.entry("reduction", "£22.19"), Map.entry("month", "March 2026"),
            Map.entry("kept", "£18.16"), Map.entry("paid", "£40.35"), Map.entry("count", "3"), Map.entry("most", "£22.19"),
            Map.entry("left", "£155.65"), Map.entry("hours", "30.5 hours"), Map.entry("rate", "£13.45"),
            Map.entry("taper", "55"), Map.entry("total", "£196.01"), Map.entry("week", "Monday 9 March"),
            Map.entry("date", "12 March 2026"), Map.entry("room", "£46"), Map.entry("lower", "£20"),
            Map.entry("higher", "£195.50"), Map.entry("max_hours", "16 hours"), Map.entry("lower_hours", "1.4 hours"),
            Map.entry("higher_hours", "14.5 hours"), Map.entry("period", "week"), Map.entry("name", "Sam Taylor"),
            Map.entry("commission", "Leeds Poverty Truth Commission"),
            Map.entry("involvement", "comes to the group for 3 hours each week to share ideas"),
            Map.entry("payer", "Leeds Poverty Truth Commission"), Map.entry("method", "bank transfer"),
            Map.entry("reason", "Cash would lower my Universal Credit, so I chose time credits."),
            Map.entry("contact", "Jo Smith on 0113 496 0000"), Map.entry("weeks", "12"),
            Map.entry("value", "\"WINTER_FUEL\""), Map.entry("benefit", "Universal Credit"),
            Map.entry("other", "£380"));

    /**
     * Placeholders filled with words people write (names, the commission's name, a reason in their
     * own words, what they typed). Those are not ours to grade: the grade of our own words is
     * measured with a short name in their place. Their realistic values are still used for every
     * other check.
     */
    private static final Map<String, String> PEOPLES_OWN_WORDS = Map.of(
            "name", "Sam", "commission", "Leeds", "payer", "Leeds", "contact", "Jo", "involvement", "meets the group",
            "reason", "I chose this.", "value", "\"fuel\"");

    /** The benefits each template can name; a template not listed can name any. */
    private static final Map<Template, List<BenefitKind>> NAMES = Map.of(
            Template.LEGACY_GOES_DOWN_ONE_WEEK, disregardBenefits(),
            Template.LEGACY_GOES_DOWN_MANY_WEEKS, disregardBenefits(),
            Template.LEGACY_NO_CHANGE, disregardBenefits(),
            Template.LEGACY_DISREGARD, disregardBenefits(),
            Template.DISREGARD_ONLY, disregardBenefits(),
            Template.DISREGARD_BENEFIT_MAY_GO_DOWN, disregardBenefits(),
            Template.ERROR_PREMIUM_NEEDED, disregardBenefits(),
            Template.NOT_MEANS_TESTED, List.of(BenefitKind.PIP, BenefitKind.DLA, BenefitKind.ATTENDANCE_ALLOWANCE),
            Template.ERROR_UC_AND_OLD_BENEFIT, List.of(BenefitKind.INCOME_SUPPORT, BenefitKind.INCOME_BASED_JSA, BenefitKind.INCOME_RELATED_ESA));

    private static List<BenefitKind> disregardBenefits() {
        return List.of(BenefitKind.INCOME_SUPPORT, BenefitKind.INCOME_BASED_JSA, BenefitKind.INCOME_RELATED_ESA,
                BenefitKind.HOUSING_BENEFIT);
    }

    @Test
    void syllablesAreCountedRightForKnownWords() {
        Map<String, Integer> known = Map.ofEntries(
                Map.entry("cat", 1), Map.entry("make", 1), Map.entry("makes", 1), Map.entry("jumped", 1),
                Map.entry("you", 1), Map.entry("the", 1), Map.entry("paid", 1), Map.entry("week", 1), Map.entry("lines", 1),
                Map.entry("table", 2), Map.entry("little", 2), Map.entry("people", 2), Map.entry("money", 2),
                Map.entry("wanted", 2), Map.entry("needed", 2), Map.entry("boxes", 2), Map.entry("credit", 2),
                Map.entry("advice", 2), Map.entry("because", 2), Map.entry("council", 2), Map.entry("service", 2),
                Map.entry("payment", 2), Map.entry("Monday", 2), Map.entry("Carer's", 2), Map.entry("pages", 2),
                Map.entry("benefit", 3), Map.entry("allowance", 3), Map.entry("adviser", 3), Map.entry("whatever", 3),
                Map.entry("attendance", 3), Map.entry("universal", 4), Map.entry("income-based", 3),
                Map.entry("£22.19", 1), Map.entry("2025/26", 1));
        known.forEach((word, count) -> assertThat(ReadingAge.syllables(word)).as(word).isEqualTo(count));
    }

    @Test
    void theGradeFormulaMatchesAWorkedSum() {
        // 2 sentences, 8 words, 10 syllables: 0.39 × 4 + 11.8 × 1.25 − 15.59 = 0.72
        assertThat(ReadingAge.grade("The cat sat down. The table is little.")).isCloseTo(0.72, org.assertj.core.api.Assertions.within(0.01));
        assertThat(ReadingAge.grade("Notwithstanding the aforementioned considerations, eligibility determinations necessitate "
                + "comprehensive documentation substantiating circumstances.")).isGreaterThan(MOST_GRADE);
    }

    @Test
    void everyTemplateFilledWithRealValuesReadsAtGradeSixOrLess() {
        List<String> tooHard = new ArrayList<>();
        for (Template t : Template.values()) {
            for (String text : filled(t, PEOPLES_OWN_WORDS)) {
                double grade = ReadingAge.grade(text);
                if (grade > MOST_GRADE) {
                    tooHard.add(String.format(Locale.ROOT, "%s (%.1f): %s", t, grade, text));
                }
            }
        }
        assertThat(tooHard).isEmpty();
    }

    @Test
    void everyTemplateHasARealisticValueForEachPlaceholder() {
        for (Template t : Template.values()) {
            assertThat(REALISTIC.keySet()).as(t.name()).containsAll(t.placeholders());
        }
    }

    @Test
    void noTemplateUsesWordsThatLabelPeopleOrUnexplainedJargon() {
        for (Template t : Template.values()) {
            for (String text : filled(t, Map.of())) {
                for (String avoid : WORDS_TO_AVOID) {
                    assertThat(text.toLowerCase(Locale.ROOT)).as(t.name()).doesNotContain(avoid);
                }
            }
        }
        for (BenefitKind kind : BenefitKind.values()) {
            assertThat(Words.name(kind).toLowerCase(Locale.ROOT)).doesNotContain("claimant");
        }
    }

    @Test
    void realGuidanceForManySituationsReadsAtGradeSixOrLessAndAlwaysPointsToFreeAdvice() {
        List<Situation> situations = List.of(
                receiving(Benefit.universalCredit(true, true, false)),
                receiving(Benefit.universalCredit(false, false, false)),
                receiving(Benefit.of(BenefitKind.CARERS_ALLOWANCE), Benefit.of(BenefitKind.PIP)),
                receiving(Benefit.of(BenefitKind.NEW_STYLE_ESA)),
                receiving(Benefit.legacy(BenefitKind.INCOME_BASED_JSA, Premium.COUPLE), Benefit.legacy(BenefitKind.HOUSING_BENEFIT, Premium.COUPLE)),
                receiving(Benefit.of(BenefitKind.PENSION_CREDIT), Benefit.of(BenefitKind.ATTENDANCE_ALLOWANCE)),
                receiving());
        for (Situation s : situations) {
            for (PlannedPayment[] plan : List.of(
                    new PlannedPayment[] {fee(MARCH_2026, "40.35", 3)},
                    new PlannedPayment[] {fee(MARCH_2026, "250", 18), payment(MARCH_2026, PaymentKind.EXPENSE, "12.50"),
                            payment(MARCH_2026, PaymentKind.VOUCHER, "40"), fee(Fixtures.JUNE_2026, "1200", 20)})) {
                Guidance g = guide(s, plan);
                for (Notice n : g.allNotices()) {
                    assertThat(ReadingAge.grade(n.text())).as(n.text()).isLessThanOrEqualTo(MOST_GRADE);
                    for (String avoid : WORDS_TO_AVOID) {
                        assertThat(n.text().toLowerCase(Locale.ROOT)).doesNotContain(avoid);
                    }
                    assertThat(Template.valueOf(n.code())).isNotNull();
                }
                assertThat(g.asText()).contains("This is not legal advice.", "Citizens Advice", "welfare rights");
            }
        }
    }

    /**
     * The template filled with realistic values, with {@code overrides} on top; once for each
     * benefit it can name.
     */
    private static List<String> filled(Template t, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(REALISTIC);
        values.putAll(overrides);
        if (!t.placeholders().contains("benefit")) {
            return List.of(t.fill(values));
        }
        List<String> all = new ArrayList<>();
        for (BenefitKind kind : NAMES.getOrDefault(t, List.of(BenefitKind.values()))) {
            values.put("benefit", Words.name(kind));
            all.add(t.fill(values));
        }
        return all;
    }
}
