package org.chorus.payments.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void moneyIsExactPenceAndReadsAsPeopleWriteIt() {
        assertThat(Money.parse("195.50").pence()).isEqualTo(19_550);
        assertThat(Money.parse("0.1").plus(Money.parse("0.2"))).isEqualTo(Money.parse("0.30"));
        assertThat(Money.parse("40.35")).hasToString("£40.35");
        assertThat(Money.ofPounds(196)).hasToString("£196");
        assertThat(Money.ofPounds(10_000)).hasToString("£10,000");
        assertThat(Money.ofPence(-310)).hasToString("-£3.10");
    }

    @Test
    void moneyRefusesFractionsOfAPenny() {
        assertThatThrownBy(() -> Money.parse("1.005")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("ten")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalingRoundsHalfPenniesUp() {
        assertThat(Money.ofPence(4035).scale(55, 100)).isEqualTo(Money.ofPence(2219)); // 2219.25
        assertThat(Money.ofPence(1).scale(1, 2)).isEqualTo(Money.ofPence(1));
    }

    @Test
    void aThreeHourSessionAtTheLivingWageIsFortyPoundsThirtyFive() {
        HourlyRate livingWage = new HourlyRate(Money.parse("13.45"));
        assertThat(livingWage.feeFor(WorkHours.ofHours(3))).isEqualTo(Money.parse("40.35"));
    }

    @Test
    void timeWithinAnAmountNeverPaysMoreThanIt() {
        HourlyRate rate = new HourlyRate(Money.parse("13.45"));
        for (long pence = 0; pence < 50_000; pence += 37) {
            Money amount = Money.ofPence(pence);
            WorkHours time = rate.timeWithin(amount);
            assertThat(rate.feeFor(time)).isLessThanOrEqualTo(amount);
            assertThat(rate.feeFor(time.plus(WorkHours.ofMinutes(1)))).isGreaterThan(amount);
        }
    }

    @Test
    void hoursAreShownRoundedDownSoALimitShownIsNeverCrossed() {
        assertThat(WorkHours.ofMinutes(874)).hasToString("14.5 hours"); // 14.57 hours
        assertThat(WorkHours.ofHours(3)).hasToString("3 hours");
        assertThat(WorkHours.ofHours(1)).hasToString("1 hour");
        assertThatThrownBy(() -> WorkHours.ofMinutes(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTaxYearRunsFromSixthAprilToFifthApril() {
        assertThat(TaxYear.containing(LocalDate.of(2026, 4, 5))).isEqualTo(new TaxYear(2025));
        assertThat(TaxYear.containing(LocalDate.of(2026, 4, 6))).isEqualTo(new TaxYear(2026));
        assertThat(new TaxYear(2025).id()).isEqualTo("2025-26");
        assertThat(new TaxYear(2025)).hasToString("2025/26");
        assertThat(new TaxYear(2099).fileName()).isEqualTo("2099-00.json");
        assertThat(TaxYear.parse("2026-27")).isEqualTo(new TaxYear(2026));
        assertThatThrownBy(() -> TaxYear.parse("2026-28")).isInstanceOf(IllegalArgumentException.class);
    }
}
