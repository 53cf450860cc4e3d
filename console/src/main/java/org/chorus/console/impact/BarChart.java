package org.chorus.console.impact;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A horizontal bar chart drawn on the server as SVG: no script, no inline style (presentation attributes
 * only, so the Content-Security-Policy holds), and narrow enough for a 320-pixel screen. The table beside it
 * is the accessible version; the chart's {@code <title>} says so. A figure disclosure control keeps back
 * has no bar, only its words, so the chart never shows more than the table does.
 */
public final class BarChart {

    /** Width of the drawing, in SVG units; it scales to the page. */
    static final int WIDTH = 360;
    /** Where the bars start, after the row labels. */
    static final int BAR_START = 125;
    /** The longest bar, for the largest figure, leaving room for the figure's words after it. */
    static final int BAR_SPACE = 150;
    static final int ROW_HEIGHT = 28;
    static final int BAR_HEIGHT = 16;
    private static final String BAR_COLOUR = "#1d70b8";
    private static final String TEXT_COLOUR = "#0b0c0c";

    /**
     * One bar: its label (a period), its value when it may be shown, and the figure in words (shown
     * after the bar, or alone when there is no bar).
     */
    public record Bar(String label, OptionalLong value, String words) {
    }

    private BarChart() {
    }

    /** The chart as an SVG element; {@code id} makes its title's id unique in the page. */
    public static String svg(String id, String title, List<Bar> bars) {
        long largest = bars.stream().map(Bar::value).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max().orElse(0);
        int height = Math.max(1, bars.size()) * ROW_HEIGHT;
        String titleId = escape(id) + "-title";
        StringBuilder svg = new StringBuilder(256 + bars.size() * 256);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chorus-chart\" role=\"img\" aria-labelledby=\"")
                .append(titleId).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" font-family=\"arial, sans-serif\" font-size=\"15\">")
                .append("<title id=\"").append(titleId).append("\">").append(escape(title)).append("</title>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int top = i * ROW_HEIGHT;
            int baseline = top + ROW_HEIGHT / 2 + 5;
            svg.append("<text x=\"0\" y=\"").append(baseline).append("\" fill=\"").append(TEXT_COLOUR).append("\">")
                    .append(escape(bar.label())).append("</text>");
            double length = barLength(bar.value(), largest);
            int wordsAt = BAR_START;
            if (bar.value().isPresent()) {
                svg.append("<rect x=\"").append(BAR_START).append("\" y=\"").append(top + (ROW_HEIGHT - BAR_HEIGHT) / 2)
                        .append("\" width=\"").append(format(length)).append("\" height=\"").append(BAR_HEIGHT)
                        .append("\" fill=\"").append(BAR_COLOUR).append("\"/>");
                wordsAt = BAR_START + (int) Math.ceil(length) + 4;
            }
            svg.append("<text x=\"").append(wordsAt).append("\" y=\"").append(baseline).append("\" fill=\"")
                    .append(TEXT_COLOUR).append("\">").append(escape(bar.words())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** The bar's length: in proportion to the largest figure shown; none for a figure kept back. */
    static double barLength(OptionalLong value, long largest) {
        if (value.isEmpty() || largest <= 0 || value.getAsLong() <= 0) {
            return 0;
        }
        return (double) BAR_SPACE * value.getAsLong() / largest;
    }

    private static String format(double length) {
        return String.format(Locale.ROOT, "%.1f", length);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
