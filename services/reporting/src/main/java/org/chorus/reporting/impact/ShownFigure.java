package org.chorus.reporting.impact;

import java.text.NumberFormat;
import java.util.Locale;
import org.chorus.reporting.readmodel.Measure;

/** One measure's figure as disclosure control lets it be shown, with its words. */
public record ShownFigure(Measure measure, Shown shown, long value, String text) {

    /** How it is shown. */
    public enum Shown { EXACT, ROUNDED, SMALL, HIDDEN }

    static ShownFigure exact(Measure measure, long value) {
        return new ShownFigure(measure, Shown.EXACT, value, amount(measure, value));
    }

    static ShownFigure rounded(Measure measure, long value) {
        return new ShownFigure(measure, Shown.ROUNDED, value, "about " + amount(measure, value));
    }

    /** Under the NHS rule, a figure about 1 to {@code below − 1} people: a count of them, or an amount they are behind. */
    static ShownFigure small(Measure measure, int below) {
        return new ShownFigure(measure, Shown.SMALL, 0, measure.kind() == Measure.Kind.PEOPLE
                ? "fewer than " + below : "not shown (fewer than " + below + " people)");
    }

    static ShownFigure hidden(Measure measure) {
        return new ShownFigure(measure, Shown.HIDDEN, 0, "not shown");
    }

    /** Whether the value can be read (exactly or roughly). */
    public boolean readable() {
        return shown == Shown.EXACT || shown == Shown.ROUNDED;
    }

    private static String amount(Measure measure, long value) {
        String number = NumberFormat.getIntegerInstance(Locale.UK).format(value);
        return measure == Measure.POUNDS_PAID ? "£" + number : number;
    }
}
