package org.chorus.commissions.session;

/**
 * How the space of a session works for the people coming. Every part is stated explicitly, so
 * nobody has to ask or guess.
 *
 * @param interpreter         null only in a request not yet checked; a stored session always has one
 * @param interpreterLanguage the language when {@code interpreter} is {@link Interpreter#OTHER_LANGUAGE}, else empty
 */
public record Accessibility(boolean stepFreeAccess, boolean hearingLoop, boolean quietRoom, Interpreter interpreter,
                            String interpreterLanguage, boolean childcareProvided, boolean travelPaid,
                            boolean foodProvided) {

    /** Whether a session has an interpreter. */
    public enum Interpreter { NONE, BSL, OTHER_LANGUAGE }

    public Accessibility {
        interpreterLanguage = interpreterLanguage == null ? "" : interpreterLanguage.strip();
    }
}
