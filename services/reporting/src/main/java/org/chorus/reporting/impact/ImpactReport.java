package org.chorus.reporting.impact;

import java.time.Instant;
import java.util.List;
import org.chorus.reporting.outcome.Outcome;
import org.chorus.reporting.readmodel.Period;

/** What a commission's work, or the network's, adds up to in one period, as it may be shown. */
public record ImpactReport(Scope scope, Period period, List<ShownFigure> figures, List<String> focusIssuesChosen,
                           List<Highlights.PhaseChange> phaseChanges, List<Outcome> outcomes, List<String> learnt, List<String> summary,
                           String disclosureRule, Instant updateTime, List<String> credits, boolean creditsUnavailable) {
}
