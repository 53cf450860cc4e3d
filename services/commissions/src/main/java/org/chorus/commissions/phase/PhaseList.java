package org.chorus.commissions.phase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chorus.platform.errors.Violations;

/** A checked list of phases, as a coordinator or facilitator sets them: an instance is always valid. */
public record PhaseList(List<Phase> phases) {

    static final int MIN_PHASES = 2;
    static final int MAX_PHASES = 12;
    static final int MAX_NAME = 60;
    static final int MAX_DESCRIPTION = 500;

    public PhaseList {
        phases = List.copyOf(phases);
    }

    /**
     * Checks the phases as sent and builds the list; names and descriptions are trimmed.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static PhaseList of(List<Phase> raw) {
        Violations violations = new Violations();
        violations.check(raw.size() >= MIN_PHASES && raw.size() <= MAX_PHASES, "phase_model.phases",
                "A commission has between " + MIN_PHASES + " and " + MAX_PHASES + " phases. You sent " + raw.size() + ".");
        List<Phase> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            Phase phase = raw.get(i);
            String field = "phase_model.phases[" + i + "]";
            if (violations.checkText(phase.displayName(), field + ".display_name", "a name for each phase", 1, MAX_NAME)) {
                String name = phase.displayName().strip();
                violations.check(seen.add(name.toLowerCase(Locale.ROOT)), field + ".display_name",
                        "Each phase needs its own name. \"" + name + "\" is used more than once.");
            }
            violations.checkText(phase.description(), field + ".description", "the description of a phase", 0, MAX_DESCRIPTION);
            checked.add(new Phase(phase.displayName().strip(), phase.description().strip()));
        }
        violations.throwIfAny("INVALID_PHASE_MODEL", "Some of the phases need fixing.");
        return new PhaseList(checked);
    }

    List<String> names() {
        return phases.stream().map(Phase::displayName).toList();
    }
}
