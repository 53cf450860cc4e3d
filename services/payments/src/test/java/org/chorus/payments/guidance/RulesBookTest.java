package org.chorus.payments.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.chorus.platform.errors.ChorusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesBookTest {

    private static final RulesBook BOOK = RulesBook.fromClasspath();

    @Test
    void bothShippedYearsLoadAndEveryFigureSaysItsSourceStatusAndYear() throws Exception {
        for (TaxYear year : List.of(new TaxYear(2025), new TaxYear(2026))) {
            BenefitRules rules = BOOK.forYear(year).orElseThrow();
            assertThat(rules.taxYear()).isEqualTo(year);
            assertThat(rules.version()).startsWith(year.id());
            List<Figure<?>> figures = figures(rules);
            assertThat(figures).hasSize(18);
            for (Figure<?> f : figures) {
                assertThat(f.source()).as(f.key()).isNotBlank();
                assertThat(f.status()).as(f.key()).isNotNull();
                assertThat(f.taxYear()).as(f.key()).isEqualTo(year);
            }
        }
    }

    @Test
    void theYearIsPickedByThePaymentDate() {
        assertThat(BOOK.forDate(LocalDate.of(2026, 4, 5)).orElseThrow().carersAllowanceEarningsLimit().value())
                .isEqualTo(Money.ofPounds(196));
        assertThat(BOOK.forDate(LocalDate.of(2026, 4, 6)).orElseThrow().carersAllowanceEarningsLimit().value())
                .isEqualTo(Money.ofPounds(204));
    }

    @Test
    void figuresCarryTheStatusTheReferenceGivesThem() {
        BenefitRules y2025 = BOOK.forYear(new TaxYear(2025)).orElseThrow();
        BenefitRules y2026 = BOOK.forYear(new TaxYear(2026)).orElseThrow();
        assertThat(y2025.esaHigherLimit().value()).isEqualTo(Money.parse("195.50"));
        assertThat(y2025.esaHigherLimit().status()).isEqualTo(FigureStatus.CONFIRMED);
        assertThat(y2026.esaHigherLimit().value()).isEqualTo(Money.parse("203.36"));
        assertThat(y2026.esaHigherLimit().status()).isEqualTo(FigureStatus.COMPUTED);
        assertThat(y2025.universalCreditWorkAllowanceWithHousingCosts().status()).isEqualTo(FigureStatus.CONFIRMED);
        assertThat(y2026.universalCreditWorkAllowanceWithHousingCosts().status()).isEqualTo(FigureStatus.UNCONFIRMED);
        assertThat(y2025.universalCreditSurplusEarnings().status()).isEqualTo(FigureStatus.UNCONFIRMED);
        assertThat(y2025.pensionCreditEarnings().status()).isEqualTo(FigureStatus.UNKNOWN);
        assertThat(y2025.pensionCreditEarnings().value()).isNull();
        assertThat(y2026.carersAllowanceEarningsLimit().status()).isEqualTo(FigureStatus.CONFIRMED);
    }

    @Test
    void aDateWithNoRulesIsRefusedNotGuessed() {
        assertThatThrownBy(() -> BOOK.require(LocalDate.of(2030, 5, 1), "plan.payments[0].date"))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("plan.payments[0].date");
                        assertThat(v.description()).contains("1 May 2030", "2030/31");
                    });
                });
        assertThat(BOOK.forDate(LocalDate.of(2025, 4, 5))).isEmpty();
        assertThat(BOOK.forDate(LocalDate.of(1066, 10, 14))).isEmpty();
    }

    @Test
    void aNewYearIsFoundByItsFileNameWithNoCodeChange(@TempDir Path folder) throws IOException {
        String next = shipped("2026-27.json").replace("\"2026-27\"", "\"2031-32\"");
        Files.writeString(folder.resolve("2031-32.json"), next);
        RulesBook book = RulesBook.fromDirectory(folder);
        BenefitRules rules = book.forDate(LocalDate.of(2031, 9, 1)).orElseThrow();
        assertThat(rules.taxYear()).isEqualTo(new TaxYear(2031));
        assertThat(rules.carersAllowanceEarningsLimit().taxYear()).isEqualTo(new TaxYear(2031));
        assertThat(book.forDate(LocalDate.of(2032, 9, 1))).isEmpty();
    }

    @Test
    void aFileThatNamesAnotherYearIsRefused(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("2031-32.json"), shipped("2026-27.json"));
        RulesBook book = RulesBook.fromDirectory(folder);
        assertThatThrownBy(() -> book.forYear(new TaxYear(2031)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2026-27");
    }

    @Test
    void aFigureWithoutASourceOrWithAValueInTheWrongUnitIsRefused(@TempDir Path folder) throws IOException {
        String noSource = shipped("2025-26.json").replaceFirst("\"source\": \"Carers UK[^\"]*\"", "\"source\": \"\"");
        Files.writeString(folder.resolve("2025-26.json"), noSource);
        assertThatThrownBy(() -> RulesBook.fromDirectory(folder).forYear(new TaxYear(2025)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("carers_allowance.earnings_limit has no source");

        String wrongUnit = shipped("2025-26.json").replace("\"unit\": \"pounds_per_hour\"", "\"unit\": \"pounds_per_week\"");
        Files.writeString(folder.resolve("2025-26.json"), wrongUnit);
        assertThatThrownBy(() -> RulesBook.fromDirectory(folder).forYear(new TaxYear(2025)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pounds_per_hour");
    }

    private static String shipped(String name) throws IOException {
        try (InputStream in = RulesBook.class.getClassLoader().getResourceAsStream(RulesBook.CLASSPATH_FOLDER + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Figure<?>> figures(BenefitRules rules) throws ReflectiveOperationException {
        List<Figure<?>> all = new ArrayList<>();
        for (RecordComponent c : BenefitRules.class.getRecordComponents()) {
            if (c.getType() == Figure.class) {
                all.add((Figure<?>) c.getAccessor().invoke(rules));
            }
        }
        return all;
    }
}
