package org.chorus.console.impact;

import java.util.OptionalLong;
import org.chorus.reporting.v1.Figure;

/**
 * A figure as disclosure control lets it be shown ({@code Figure.shown}): its value only when it is exact or
 * rounded; a small or hidden figure has no value, only words. The contract's own words ({@code Figure.text})
 * come first, since reporting knows the threshold in force; these are for when it gives none.
 */
public final class Figures {

    /** The words for a small figure when reporting gives none: the network's default threshold is 10. */
    public static final String FEWER_THAN_TEN = "fewer than 10";
    public static final String NOT_SHOWN = "not shown";

    private Figures() {
    }

    public static OptionalLong value(Figure figure) {
        return switch (figure.getShown()) {
            case EXACT, ROUNDED -> OptionalLong.of(figure.getValue());
            case SMALL, HIDDEN, SHOWN_UNSPECIFIED, UNRECOGNIZED -> OptionalLong.empty();
        };
    }

    public static String words(Figure figure) {
        if (!figure.getText().isBlank()) {
            return figure.getText();
        }
        return switch (figure.getShown()) {
            case EXACT -> Long.toString(figure.getValue());
            case ROUNDED -> "about " + figure.getValue();
            case SMALL -> FEWER_THAN_TEN;
            case HIDDEN, SHOWN_UNSPECIFIED, UNRECOGNIZED -> NOT_SHOWN;
        };
    }

    /** Whether disclosure control kept the figure back. */
    public static boolean keptBack(Figure figure) {
        return value(figure).isEmpty();
    }
}
