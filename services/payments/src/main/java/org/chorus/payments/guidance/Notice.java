package org.chorus.payments.guidance;

import java.util.List;
import java.util.Objects;

/**
 * One thing a person reads, from the {@link Words} catalogue, with where it comes from.
 *
 * @param code       the template's name, stable, for programs and for the record of what was shown
 * @param checkThis  true when a figure in it is not confirmed: the text then ends "Check this: …"
 */
public record Notice(String code, Severity severity, String text, boolean checkThis, List<SourceNote> sources) {

    /** How much a notice matters. */
    public enum Severity {
        /** Good to know. */
        INFO,
        /** Could cost the person money. */
        CAUTION,
        /** A payment would cross a limit where a little more loses a lot: say so before it is paid. */
        CLIFF_EDGE
    }

    public Notice {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(text, "text");
        sources = List.copyOf(sources);
    }
}
