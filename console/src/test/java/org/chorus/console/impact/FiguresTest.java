package org.chorus.console.impact;

import static org.assertj.core.api.Assertions.assertThat;

import org.chorus.reporting.v1.Figure;
import org.chorus.reporting.v1.Measure;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void exactAndRoundedFiguresHaveValues() {
        assertThat(Figures.value(figure(Figure.Shown.EXACT, 12, ""))).hasValue(12);
        assertThat(Figures.value(figure(Figure.Shown.ROUNDED, 15, "about 15"))).hasValue(15);
    }

    @Test
    void smallAndHiddenFiguresHaveNoValueWhateverTheMessageCarries() {
        assertThat(Figures.value(figure(Figure.Shown.SMALL, 3, ""))).isEmpty();
        assertThat(Figures.value(figure(Figure.Shown.HIDDEN, 42, ""))).isEmpty();
        assertThat(Figures.keptBack(figure(Figure.Shown.SMALL, 0, ""))).isTrue();
    }

    @Test
    void reportingsOwnWordsComeFirst() {
        assertThat(Figures.words(figure(Figure.Shown.SMALL, 0, "fewer than 8"))).isEqualTo("fewer than 8");
    }

    @Test
    void withoutWordsASmallFigureIsFewerThanTen() {
        assertThat(Figures.words(figure(Figure.Shown.SMALL, 0, ""))).isEqualTo("fewer than 10");
        assertThat(Figures.words(figure(Figure.Shown.HIDDEN, 0, ""))).isEqualTo("not shown");
        assertThat(Figures.words(figure(Figure.Shown.ROUNDED, 20, ""))).isEqualTo("about 20");
        assertThat(Figures.words(figure(Figure.Shown.EXACT, 7, ""))).isEqualTo("7");
    }

    @Test
    void periodsAreSaidAsPeopleSayThem() {
        assertThat(Periods.label("2026-Q1")).isEqualTo("Jan to Mar 2026");
        assertThat(Periods.label("2026-Q4")).isEqualTo("Oct to Dec 2026");
        assertThat(Periods.label("2026-03")).isEqualTo("March 2026");
        assertThat(Periods.label("2026")).isEqualTo("2026");
    }

    private static Figure figure(Figure.Shown shown, long value, String text) {
        return Figure.newBuilder().setMeasure(Measure.PEOPLE_TAKING_PART).setShown(shown).setValue(value).setText(text).build();
    }
}
