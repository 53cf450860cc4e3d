package org.chorus.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Money;
import org.junit.jupiter.api.Test;

class PoundsTest {

    @Test
    void penceAreShownAsPoundsWithTwoPlaces() {
        assertThat(Pounds.fromPence(1205)).isEqualTo("£12.05");
        assertThat(Pounds.fromPence(5)).isEqualTo("£0.05");
        assertThat(Pounds.fromPence(0)).isEqualTo("£0.00");
    }

    @Test
    void thousandsAreGroupedWithCommas() {
        assertThat(Pounds.fromPence(123_456_789)).isEqualTo("£1,234,567.89");
    }

    @Test
    void aNegativeAmountKeepsItsSignBeforeThePoundSign() {
        assertThat(Pounds.fromPence(-300)).isEqualTo("-£3.00");
    }

    @Test
    void contractMoneyBecomesWholePence() {
        Money twentyTwoPoundsNineteen = Money.newBuilder().setCurrencyCode("GBP").setUnits(22).setNanos(190_000_000).build();
        assertThat(Pounds.pence(twentyTwoPoundsNineteen)).isEqualTo(2219);
        assertThat(Pounds.of(twentyTwoPoundsNineteen)).isEqualTo("£22.19");
    }

    @Test
    void negativeContractMoneyHasBothPartsNegative() {
        Money minus = Money.newBuilder().setCurrencyCode("GBP").setUnits(-1).setNanos(-500_000_000).build();
        assertThat(Pounds.pence(minus)).isEqualTo(-150);
        assertThat(Pounds.of(minus)).isEqualTo("-£1.50");
    }

    @Test
    void partsOfAPennyAreRoundedToTheNearestPenny() {
        assertThat(Pounds.pence(Money.newBuilder().setUnits(1).setNanos(5_000_000).build())).isEqualTo(101);
        assertThat(Pounds.pence(Money.newBuilder().setUnits(1).setNanos(4_999_999).build())).isEqualTo(100);
    }
}
