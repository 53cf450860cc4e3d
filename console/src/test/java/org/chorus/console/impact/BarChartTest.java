package org.chorus.console.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BarChartTest {

    private static final Pattern BAR_WIDTH = Pattern.compile("<rect [^>]*width=\"([0-9.]+)\"");

    @Test
    void barsAreInProportionToTheFigures() {
        String svg = BarChart.svg("people", "People who took part", List.of(
                new BarChart.Bar("Jan to Mar 2026", OptionalLong.of(40), "40"),
                new BarChart.Bar("Apr to Jun 2026", OptionalLong.of(20), "20"),
                new BarChart.Bar("Jul to Sep 2026", OptionalLong.of(10), "10")));

        List<Double> widths = widths(svg);
        assertThat(widths).containsExactly((double) BarChart.BAR_SPACE, BarChart.BAR_SPACE / 2.0, BarChart.BAR_SPACE / 4.0);
    }

    @Test
    void aFigureKeptBackHasNoBarButItsWords() {
        String svg = BarChart.svg("people", "People who took part", List.of(
                new BarChart.Bar("Jan to Mar 2026", OptionalLong.of(25), "about 25"),
                new BarChart.Bar("Apr to Jun 2026", OptionalLong.empty(), "fewer than 10")));

        assertThat(widths(svg)).hasSize(1);
        assertThat(svg).contains(">fewer than 10</text>").contains(">Apr to Jun 2026</text>");
        int secondRowBaseline = BarChart.ROW_HEIGHT + BarChart.ROW_HEIGHT / 2 + 5;
        assertThat(svg).as("the words sit where the bar would start")
                .contains("<text x=\"" + BarChart.BAR_START + "\" y=\"" + secondRowBaseline + "\" fill=\"#0b0c0c\">fewer than 10</text>");
    }

    @Test
    void onlyKeptBackFiguresDrawNoBarsAtAll() {
        String svg = BarChart.svg("hidden", "Hours paid", List.of(
                new BarChart.Bar("Jan to Mar 2026", OptionalLong.empty(), "not shown"),
                new BarChart.Bar("Apr to Jun 2026", OptionalLong.empty(), "fewer than 10")));

        assertThat(widths(svg)).isEmpty();
        assertThat(svg).contains("not shown").contains("fewer than 10");
    }

    @Test
    void aZeroHasABarOfNoLength() {
        assertThat(BarChart.barLength(OptionalLong.of(0), 10)).isZero();
        assertThat(BarChart.barLength(OptionalLong.of(5), 0)).isZero();
    }

    @Test
    void theChartIsAnImageNamedByItsTitle() {
        String svg = BarChart.svg("chart-sessions-held", "Sessions held. Chart of the table above.",
                List.of(new BarChart.Bar("2026", OptionalLong.of(3), "3")));

        assertThat(svg).startsWith("<svg ").contains("role=\"img\"")
                .contains("aria-labelledby=\"chart-sessions-held-title\"")
                .contains("<title id=\"chart-sessions-held-title\">Sessions held. Chart of the table above.</title>");
        assertThat(svg).as("presentation attributes only, so the CSP needs no inline style").doesNotContain("style=");
    }

    @Test
    void wordsAreEscaped() {
        String svg = BarChart.svg("x", "A <b>bold</b> & \"quoted\" title",
                List.of(new BarChart.Bar("<script>", OptionalLong.of(1), "1")));

        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>")
                .contains("&lt;script&gt;").contains("A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title");
    }

    private static List<Double> widths(String svg) {
        Matcher m = BAR_WIDTH.matcher(svg);
        List<Double> widths = new ArrayList<>();
        while (m.find()) {
            widths.add(Double.parseDouble(m.group(1)));
        }
        return widths;
    }
}
