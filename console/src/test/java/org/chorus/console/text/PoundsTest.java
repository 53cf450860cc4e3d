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

    @Test
    void anAmountTypedInPoundsBecomesWholePence() {
        assertThat(Pounds.parse("40")).contains(4000L);
        assertThat(Pounds.parse("22.5")).contains(2250L);
        assertThat(Pounds.parse("22.50")).contains(2250L);
        assertThat(Pounds.parse(" £1,234.05 ")).contains(123405L);
        assertThat(Pounds.parse("0.07")).contains(7L);
        assertThat(Pounds.parse("1 000")).contains(100000L);
    }

    @Test
    void whatIsNotAnAmountOfMoneyIsRefused() {
        assertThat(Pounds.parse(null)).isEmpty();
        assertThat(Pounds.parse("")).isEmpty();
        assertThat(Pounds.parse("forty")).isEmpty();
        assertThat(Pounds.parse("-5")).as("a payment is never negative").isEmpty();
        assertThat(Pounds.parse("12.345")).as("no parts of a penny").isEmpty();
        assertThat(Pounds.parse("1,23")).as("commas only group thousands").isEmpty();
        assertThat(Pounds.parse("12.")).isEmpty();
        assertThat(Pounds.parse("99999999999")).as("far beyond any payment").isEmpty();
    }

    @Test
    void penceBecomeTheContractsMoneyAndBack() {
        Money money = Pounds.money(2219);
        assertThat(money.getCurrencyCode()).isEqualTo("GBP");
        assertThat(money.getUnits()).isEqualTo(22);
        assertThat(money.getNanos()).isEqualTo(190_000_000);
        assertThat(Pounds.pence(money)).isEqualTo(2219);
        assertThat(Pounds.typed(2219)).isEqualTo("22.19");
        assertThat(Pounds.typed(5)).isEqualTo("0.05");
    }
}
