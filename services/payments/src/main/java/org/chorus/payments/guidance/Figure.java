package org.chorus.payments.guidance;

import java.util.Objects;

/**
 * One figure from the rules, with where it comes from and how sure we are of it.
 *
 * @param key     the figure's name in the rules file, for example {@code carers_allowance.earnings_limit}
 * @param value   the figure, or null when its status is {@link FigureStatus#UNKNOWN}
 * @param status  how sure we are
 * @param source  where it comes from, in words
 * @param taxYear the tax year it is for
 */
public record Figure<T>(String key, T value, FigureStatus status, String source, TaxYear taxYear) {

    public Figure {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(taxYear, "taxYear");
        if ((value == null) != (status == FigureStatus.UNKNOWN)) {
            throw new IllegalArgumentException(key + ": a figure has a value exactly when its status is not unknown");
        }
    }

    public boolean isKnown() {
        return status != FigureStatus.UNKNOWN;
    }

    /** The value; only call it on a known figure. */
    public T require() {
        if (value == null) {
            throw new IllegalStateException(key + " is unknown for " + taxYear);
        }
        return value;
    }

    /** The same figure as a citation: what it is, for which year, how sure, and from where. */
    public SourceNote citation() {
        return new SourceNote(key, taxYear, status, source);
    }
}
