package org.chorus.payments.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.payments.guidance.Fixtures.MARCH_2026;
import static org.chorus.payments.guidance.Fixtures.pounds;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class AdviserLetterTest {

    private static final Plan PLAN = new Plan(
            List.of(new PlannedPayment(MARCH_2026, PaymentKind.EXPENSE, pounds("12.50"), WorkHours.NONE)),
            List.of(new WeeklyPattern(MARCH_2026, 12, WorkHours.ofHours(3), new HourlyRate(pounds("13.45")), PaymentKind.FEE)));

    private static AdviserLetter.Details details(String name, String reason) {
        return new AdviserLetter.Details(name, "Leeds Poverty Truth Commission",
                "comes to the group for 3 hours each week to share ideas", "Leeds Poverty Truth Commission",
                "Jo Smith on 0113 496 0000", PLAN, PaymentMethod.BANK_TRANSFER, reason, LocalDate.of(2026, 3, 2));
    }

    @Test
    void theTextSaysWhatWhoPaysHowMuchHowOftenWhichMethodAndWhy() {
        String text = AdviserLetter.write(details("Sam Taylor", "My adviser said this is fine.")).asText();
        assertThat(text).contains(
                "About Sam Taylor and Leeds Poverty Truth Commission",
                "What Sam Taylor does: comes to the group for 3 hours each week to share ideas.",
                "Who pays: Leeds Poverty Truth Commission.",
                "How much: £40.35 a week for 12 weeks, from 10 March 2026. That is 3 hours a week at £13.45 an hour.",
                "In all: £484.20.",
                "£12.50 in all. This is not pay.",
                "How Sam Taylor has chosen to be paid: bank transfer.",
                "Why: My adviser said this is fine.",
                "This is not legal advice.");
    }

    @Test
    void withoutAReasonTheLetterSaysTheChoiceFollowedOurGuide() {
        assertThat(AdviserLetter.write(details("Sam Taylor", "")).asText())
                .contains("Why: Sam Taylor chose this after reading our guide");
    }

    @Test
    void thePdfOpensAndItsTextHoldsTheAmounts() throws IOException {
        byte[] pdf = AdviserLetter.write(details("Sam Taylor", "")).asPdf();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("£40.35", "£484.20", "£12.50", "£13.45", "bank transfer", "Sam Taylor");
        }
    }

    @Test
    void aNameTheFontCannotDrawStillMakesAPdf() throws IOException {
        AdviserLetter letter = AdviserLetter.write(details("Łucja Nowak 王", ""));
        assertThat(letter.asText()).contains("Łucja Nowak 王");
        try (PDDocument doc = Loader.loadPDF(letter.asPdf())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("ucja Nowak", "£40.35");
        }
    }

    @Test
    void missingDetailsAreRefusedFieldByField() {
        AdviserLetter.Details empty = new AdviserLetter.Details(" ", "Leeds", "", "Leeds", "Jo", PLAN, null, null, MARCH_2026);
        assertThatThrownBy(() -> AdviserLetter.write(empty)).isInstanceOfSatisfying(ChorusException.class, e -> {
            assertThat(e.kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
            assertThat(e.violations()).extracting(FieldViolation::field)
                    .containsExactly("letter.member_name", "letter.involvement", "letter.method");
        });
    }
}
