package org.chorus.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How long publishing takes for the biggest table the service publishes: one measure for one year,
 * 100 commissions and the network by 12 months, 4 quarters and the year, a third of the months small. A
 * table of people declares its quarters and years as distinct counts, as the service does.
 * Prints the times; asserts only that the result is safe, since a timed assertion on a shared machine fails for the wrong reasons.
 */
class PublishTimingTest {

    private static final HierarchicalTables.Shape NETWORK_YEAR_OF_PEOPLE = networkYear(HierarchicalTables.Figures.PEOPLE);

    @Test
    void aNetworkYearOfPeopleUnderTheThresholdRule() {
        measure("threshold k=10, people", Rule.threshold(10), NETWORK_YEAR_OF_PEOPLE);
    }

    @Test
    void aNetworkYearOfHoursUnderTheThresholdRule() {
        measure("threshold k=10, hours", Rule.threshold(10), networkYear(HierarchicalTables.Figures.HOURS));
    }

    @Test
    void aNetworkYearOfPeopleUnderTheNhsRule() {
        measure("NHS, people", Rule.nhs(), NETWORK_YEAR_OF_PEOPLE);
    }

    private static HierarchicalTables.Shape networkYear(HierarchicalTables.Figures figures) {
        return new HierarchicalTables.Shape(100, 4, 1.0 / 3, 0.05, figures, false);
    }

    private static void measure(String what, Rule rule, HierarchicalTables.Shape shape) {
        Table table = HierarchicalTables.draw(new Random(20260101L), shape);
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            Disclosure.Suppression suppression = new Disclosure.Suppression(table, rule);
            suppression.protectEverySuppressedCell();
            Published published = suppression.published();
            long millis = (System.nanoTime() - start) / 1_000_000;
            long hidden = published.cells().values().stream().filter(s -> !(s instanceof Shown.Figure)).count();
            System.out.printf("publish-timing: %s, %d cells, run %d: %d ms, %d linear programs, %d cells suppressed%n",
                    what, table.size(), run, millis, suppression.programsSolved(), hidden);
            if (run == 1) {
                long auditStart = System.nanoTime();
                AuditResult audit = DisclosureAudit.audit(table, published, rule);
                System.out.printf("publish-timing: %s, full audit: %d ms%n", what, (System.nanoTime() - auditStart) / 1_000_000);
                assertThat(audit.unprotected()).isEmpty();
            }
        }
    }
}
