package org.chorus.payments.guidance;

import java.util.Objects;

/**
 * Where a piece of guidance comes from, shown beside it so anyone can check it.
 *
 * @param figure  the figure's key in the rules file, or the name of a general rule
 * @param taxYear the tax year of a figure, or null for a rule that does not change by year
 */
public record SourceNote(String figure, TaxYear taxYear, FigureStatus status, String source) {

    public SourceNote {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
    }

    static SourceNote rule(String name, String source) {
        return new SourceNote(name, null, FigureStatus.CONFIRMED, source);
    }
}
