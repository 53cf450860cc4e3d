package org.chorus.reporting.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chorus.reporting.disclosure.Table;
import org.chorus.reporting.readmodel.Figures;
import org.chorus.reporting.readmodel.Measure;
import org.junit.jupiter.api.Test;

class ImpactTablesTest {

    private static final String LEEDS = "leeds";
    private static final String NETWORK = ImpactTables.NETWORK;

    @Test
    void aMeasureOfPeopleDeclaresEachQuarterAndYearADistinctCountInEveryRow() {
        // Ann came in January and February, Bea in February only: 1 and 2 people by month, 2 in the quarter.
        Figures leeds = figures(Measure.PEOPLE_TAKING_PART, Map.of("2026-01", 1L, "2026-02", 2L, "2026-Q1", 2L, "2026", 2L), 1);

        Table table = ImpactTables.table(Measure.PEOPLE_TAKING_PART, 2026, List.of(LEEDS), Map.of(LEEDS, leeds));

        assertThat(table.distincts()).hasSize(2 * 5).contains(
                distinct(LEEDS, "2026-Q1", "2026-01", "2026-02", "2026-03"),
                distinct(LEEDS, "2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"),
                distinct(NETWORK, "2026-Q4", "2026-10", "2026-11", "2026-12"),
                distinct(NETWORK, "2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"));
        assertThat(table.sums()).as("only the network over the commissions, period by period").hasSize(17)
                .allSatisfy(sum -> assertThat(sum.total()).startsWith(NETWORK));
        assertThat(table.value(NETWORK + "|2026-Q1")).isEqualTo(2);
    }

    @Test
    void aMeasureThatAddsUpOverTimeSumsItsQuartersAndYearAndCountsNothingDistinct() {
        Figures leeds = figures(Measure.HOURS_GIVEN, Map.of("2026-01", 30L, "2026-02", 12L, "2026-Q1", 42L, "2026", 42L), 3);

        Table table = ImpactTables.table(Measure.HOURS_GIVEN, 2026, List.of(LEEDS), Map.of(LEEDS, leeds));

        assertThat(table.distincts()).isEmpty();
        assertThat(table.sums()).hasSize(17 + 2 * 5).contains(
                new Table.Sum(LEEDS + "|2026-Q1", List.of(LEEDS + "|2026-01", LEEDS + "|2026-02", LEEDS + "|2026-03")));
    }

    private static Table.Distinct distinct(String row, String total, String... parts) {
        return new Table.Distinct(row + "|" + total, Arrays.stream(parts).map(part -> row + "|" + part).toList());
    }

    private static Figures figures(Measure measure, Map<String, Long> byPeriod, long peoplePerFigure) {
        Map<Figures.Key, Figures.Cell> cells = new HashMap<>();
        byPeriod.forEach((period, value) -> cells.put(new Figures.Key(measure, period),
                new Figures.Cell(value, measure.kind() == Measure.Kind.PEOPLE ? value : peoplePerFigure)));
        return new Figures(cells);
    }
}
