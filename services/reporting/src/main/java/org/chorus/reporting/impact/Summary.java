package org.chorus.reporting.impact;

import java.util.ArrayList;
import java.util.List;
import org.chorus.reporting.outcome.Outcome;
import org.chorus.reporting.readmodel.Measure;

/**
 * A period's figures in plain words, for sharing back with members: built only from figures as shown, so a hidden
 * figure never appears, and a figure too small to show is left out rather than hinted at.
 */
final class Summary {

    private Summary() {
    }

    /**
     * @param youTookPart whether the reader is a member who came to at least one of the sessions: then the first line
     *                    speaks to them ("You and 11 others took part in 3 sessions.")
     */
    static List<String> of(List<ShownFigure> figures, List<Outcome> approved, boolean youTookPart) {
        List<String> words = new ArrayList<>();
        ShownFigure sessions = find(figures, Measure.SESSIONS_HELD);
        ShownFigure people = find(figures, Measure.PEOPLE_TAKING_PART);
        if (sessions.value() > 0) {
            String held = sessions.text() + (sessions.value() == 1 ? " session" : " sessions");
            boolean counted = people.readable() && people.value() > 0;
            if (youTookPart) {
                words.add(!counted ? "You took part in the " + held + " held."
                        : people.shown() == ShownFigure.Shown.ROUNDED ? "You were one of " + people.text() + " people who took part in " + held + "."
                        : people.value() == 1 ? "You took part in " + held + "."
                        : "You and " + (people.value() - 1) + (people.value() == 2 ? " other" : " others") + " took part in " + held + ".");
            } else {
                words.add(counted
                        ? capitalise(people.text()) + (people.value() == 1 ? " person" : " people") + " took part in " + held + "."
                        : capitalise(held) + (sessions.value() == 1 ? " was" : " were") + " held.");
            }
        }
        ShownFigure organisations = find(figures, Measure.ORGANISATIONS_INVOLVED);
        if (organisations.value() > 0) {
            words.add(organisations.value() == 1 ? "People from one organisation took part too."
                    : "People from " + organisations.text() + " organisations took part too.");
        }
        ShownFigure staying = find(figures, Measure.PEOPLE_STAYING_SIX_MONTHS);
        if (staying.readable() && staying.value() > 0) {
            words.add(capitalise(staying.text()) + " of them first came six months ago or more, and are still coming.");
        }
        ShownFigure hours = find(figures, Measure.HOURS_GIVEN);
        if (hours.readable() && hours.value() > 0) {
            words.add("Together, people gave " + hours.text() + (hours.value() == 1 ? " hour" : " hours") + " of their time.");
        }
        ShownFigure paid = find(figures, Measure.POUNDS_PAID);
        if (paid.readable() && paid.value() > 0) {
            words.add(capitalise(paid.text()) + " was paid to people for their time and costs.");
        }
        ShownFigure started = find(figures, Measure.EXPERIMENTS_STARTED);
        ShownFigure embedded = find(figures, Measure.EXPERIMENTS_EMBEDDED);
        if (started.value() > 0) {
            words.add(capitalise(started.text()) + (started.value() == 1 ? " new way of doing things was" : " new ways of doing things were")
                    + " tried.");
        }
        if (embedded.value() > 0) {
            words.add(capitalise(embedded.text()) + (embedded.value() == 1 ? " of them has" : " of them have") + " become how things are done.");
        }
        if (!approved.isEmpty()) {
            words.add(approved.size() == 1 ? "One change was recorded: " + approved.getFirst().title() + "."
                    : approved.size() + " changes were recorded, among them: " + approved.getFirst().title() + ".");
        }
        if (words.isEmpty()) {
            words.add("Nothing has been recorded for this time yet.");
        }
        return words;
    }

    private static ShownFigure find(List<ShownFigure> figures, Measure measure) {
        return figures.stream().filter(f -> f.measure() == measure).findFirst().orElseThrow();
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
