package org.chorus.reporting.impact;

import java.time.Instant;
import java.util.List;

/** What a commission did in a time, in words: from its read models (the commission's transaction is open). */
public interface Highlights {

    /** A move from one phase to another. */
    record PhaseChange(String from, String to, Instant time) {
    }

    /** The titles of the focus issues chosen in {@code [from, to)}, oldest first. */
    List<String> focusIssuesChosen(Instant from, Instant to);

    /** The phases moved through in {@code [from, to)}, oldest first. */
    List<PhaseChange> phaseChanges(Instant from, Instant to);

    /** Whether the member came to any session held in {@code [from, to)}. */
    boolean tookPart(String member, Instant from, Instant to);

    /** What was learnt from experiments that moved on in {@code [from, to)}, each once, oldest first. */
    List<String> learnt(Instant from, Instant to);
}
