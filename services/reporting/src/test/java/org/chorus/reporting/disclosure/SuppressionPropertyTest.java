package org.chorus.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random tables shaped like reporting's (commissions and the network by months, quarters and year; counts
 * and hours that add up over time, and people whose quarters and years are distinct counts), under both
 * rules and random thresholds, published and then attacked by {@link Attacker}, which shares no code with
 * the suppression. Seeded java.util.Random rather than a property library: the attacks are counted
 * across all tables for one summary line, and a failure names the seed that rebuilds its table
 * (-Dsuppression.seed=N starts elsewhere, -Dsuppression.tables=N draws more).
 */
class SuppressionPropertyTest {

    @Test
    void noPublishedTableGivesAwayASuppressedCell() {
        long seed = Long.getLong("suppression.seed", 20260517L);
        int count = Integer.getInteger("suppression.tables", 800);
        int attacks = 0;
        int tables = 0;
        List<String> recovered = new ArrayList<>();
        List<String> impossible = new ArrayList<>();
        List<String> factsNotExact = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            long tableSeed = seed + t;
            Random random = new Random(tableSeed);
            Rule rule = drawRule(random);
            Table table = HierarchicalTables.draw(random, drawShape(random));
            Published published = new Disclosure(rule).publish(table);
            Attacker attacker = new Attacker(table, published, rule).run();
            tables++;
            attacks += attacker.attacks();
            attacker.recovered().forEach(f -> recovered.add("seed " + tableSeed + " " + rule + ": " + f));
            attacker.impossible().forEach(f -> impossible.add("seed " + tableSeed + " " + rule + ": " + f));
            for (String id : table.ids()) {
                if (table.isFact(id) && !published.of(id).equals(new Shown.Figure(table.value(id)))) {
                    factsNotExact.add("seed " + tableSeed + ": " + id);
                }
            }
        }
        System.out.printf("suppression-check: tables=%d attacks=%d recovered=%d%n", tables, attacks, recovered.size());
        assertThat(impossible).as("attacks that ruled out a true value (the attacker misreads what is published)").isEmpty();
        assertThat(factsNotExact).as("facts not published exactly").isEmpty();
        assertThat(recovered).as("suppressed cells an attacker narrowed down too far").isEmpty();
        assertThat(attacks).as("attacks made").isGreaterThan(count * 10);
    }

    @Test
    void theAttackerRecoversCellsWhenOnlyTheSmallCellsAreSuppressed() {
        int recovered = 0;
        int tables = 0;
        for (int t = 0; t < 40; t++) {
            Random random = new Random(7_000L + t);
            Rule rule = drawRule(random);
            Table table = HierarchicalTables.draw(random, drawShape(random));
            Published primaryOnly = new Disclosure(rule).publishPrimaryOnly(table);
            if (primaryOnly.cells().values().stream().anyMatch(s -> !(s instanceof Shown.Figure))) {
                tables++;
                recovered += new Attacker(table, primaryOnly, rule).run().recovered().size();
            }
        }
        assertThat(tables).isGreaterThan(20);
        assertThat(recovered).as("cells recovered from tables with only the primary suppression").isGreaterThan(tables);
    }

    @Test
    void theAttackerRecoversPeopleFromTablesPublishedAsIfQuartersWereNotDistinctCounts() {
        // What the service published before it declared its quarters and years distinct counts.
        int tablesGivingAway = 0;
        for (int t = 0; t < 40; t++) {
            Random random = new Random(9_000L + t);
            Rule rule = drawRule(random);
            Table table = HierarchicalTables.draw(random, drawShape(random, HierarchicalTables.Figures.PEOPLE));
            Published blind = new Disclosure(rule).publish(HierarchicalTables.withoutDistinctCounts(table));
            tablesGivingAway += new Attacker(table, blind, rule).run().recovered().isEmpty() ? 0 : 1;
        }
        assertThat(tablesGivingAway).as("tables of people, of 40, giving cells away when published blind to distinct counts")
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void theAttackerPinsAHiddenMonthByItsQuarterWhenTheOtherMonthsAreEmpty() {
        Table table = Table.builder().cell("m1", 15, 15).cell("m2", 0, 0).cell("m3", 0, 0).cell("q", 15, 15)
                .distinct("q", List.of("m1", "m2", "m3")).build();
        Published published = new Published(java.util.Map.of("m1", new Shown.Hidden(), "m2", new Shown.Figure(0),
                "m3", new Shown.Figure(0), "q", new Shown.Figure(15)));

        Attacker attacker = new Attacker(table, published, Rule.threshold(10)).run();

        assertThat(attacker.recovered()).extracting(Attacker.Finding::attack)
                .containsExactly("the distinct count q alone", "bounds pushed through every relation", "linear program");
        assertThat(attacker.recovered()).allSatisfy(f -> {
            assertThat(f.low()).isEqualTo(15.0, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(f.high()).isEqualTo(15.0, org.assertj.core.api.Assertions.within(1e-6));
        });
    }

    @Test
    void theAttackerRecoversALoneHiddenCellExactly() {
        Table table = Table.builder().cell("a", 3, 3).cell("b", 40, 40).cell("total", 43, 43)
                .sum("total", List.of("a", "b")).build();
        Published primaryOnly = new Disclosure(Rule.threshold(10)).publishPrimaryOnly(table);

        Attacker attacker = new Attacker(table, primaryOnly, Rule.threshold(10)).run();

        assertThat(attacker.recovered()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.low()).isEqualTo(3.0, org.assertj.core.api.Assertions.within(1e-6)))
                .allSatisfy(f -> assertThat(f.high()).isEqualTo(3.0, org.assertj.core.api.Assertions.within(1e-6)));
    }

    private static Rule drawRule(Random random) {
        return random.nextInt(3) == 0 ? Rule.nhs() : Rule.threshold(2 + random.nextInt(14));
    }

    private static HierarchicalTables.Shape drawShape(Random random) {
        return drawShape(random, switch (random.nextInt(10)) {
            case 0, 1, 2 -> HierarchicalTables.Figures.HOURS;
            case 3, 4, 5 -> HierarchicalTables.Figures.COUNTS_THAT_ADD_UP;
            default -> HierarchicalTables.Figures.PEOPLE;
        });
    }

    private static HierarchicalTables.Shape drawShape(Random random, HierarchicalTables.Figures figures) {
        return new HierarchicalTables.Shape(1 + random.nextInt(8), 1 + random.nextInt(4), 0.1 + random.nextDouble() * 0.4,
                random.nextDouble() * 0.2, figures, random.nextInt(10) < 3);
    }
}
