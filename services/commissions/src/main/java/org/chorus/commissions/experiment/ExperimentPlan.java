package org.chorus.commissions.experiment;

import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/** The command to plan an experiment. It checks itself: an instance always holds a valid, trimmed plan. */
public record ExperimentPlan(String title, String hypothesis, String change, String lead) {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 2000;
    static final int MAX_LEAD = 200;

    /** @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found */
    public static ExperimentPlan of(String title, String hypothesis, String change, String lead) {
        Violations violations = new Violations();
        violations.checkText(title, "experiment.title", "the experiment in a few words", 1, MAX_TITLE);
        violations.checkText(hypothesis, "experiment.hypothesis", "what the group thinks might happen", 1, MAX_TEXT);
        violations.checkText(change, "experiment.change", "what will change", 1, MAX_TEXT);
        violations.checkText(lead, "experiment.lead", "who leads it", 1, MAX_LEAD);
        violations.throwIfAny("INVALID_EXPERIMENT", "Some details of the experiment need fixing.");
        return new ExperimentPlan(title.strip(), hypothesis.strip(), change.strip(), lead.strip());
    }

    /** A fingerprint of what is asked for, to tell a true retry from another request reusing its id. */
    String fingerprint() {
        String asked = String.join("\u0000", "experiment.create", title, hypothesis, change, lead);
        return RequestIds.fingerprint(asked);
    }
}
