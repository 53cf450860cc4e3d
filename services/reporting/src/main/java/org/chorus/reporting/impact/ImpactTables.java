package org.chorus.reporting.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chorus.reporting.disclosure.Table;
import org.chorus.reporting.readmodel.Figures;
import org.chorus.reporting.readmodel.Measure;
import org.chorus.reporting.readmodel.Period;

/**
 * One measure's table for one year, as disclosure control takes it: a row per commission and one for the network,
 * a column per month, quarter and the year, and everything a reader could use. The network is the sum of the
 * commissions in every period. For a measure that adds up over time, each quarter is the sum of its months and the
 * year of its quarters. For people, who count once in a period however often they came, each quarter is a distinct
 * count over its months and the year over its quarters: at least each part, at most the parts added up. Every
 * output of that measure and year is a slice of the one published table, so no two answers can be put together to
 * work out a hidden figure.
 */
final class ImpactTables {

    /** The network's row: no commission id starts with '~'. */
    static final String NETWORK = "~network";

    private ImpactTables() {
    }

    static String cell(String row, Period period) {
        return row + "|" + period;
    }

    static Table table(Measure measure, int year, List<String> commissions, Map<String, Figures> figures) {
        Table.Builder table = Table.builder();
        List<String> rows = new ArrayList<>(commissions);
        rows.add(NETWORK);
        for (Period period : Period.ofYear(year)) {
            long value = 0;
            long people = 0;
            for (String commission : commissions) {
                Figures.Cell c = figures.getOrDefault(commission, new Figures(Map.of())).of(measure, period.toString());
                table.cell(cell(commission, period), c.value(), Math.max(c.people(), 0));
                value += c.value();
                people += Math.max(c.people(), 0);
            }
            table.cell(cell(NETWORK, period), value, people);
            table.sum(cell(NETWORK, period), commissions.stream().map(c -> cell(c, period)).toList());
            if (period.parts().isEmpty()) {
                continue;
            }
            for (String row : rows) {
                List<String> parts = period.parts().stream().map(part -> cell(row, part)).toList();
                if (measure.addsUpOverTime()) {
                    table.sum(cell(row, period), parts);
                } else if (measure.kind() == Measure.Kind.PEOPLE) {
                    // The year over its months follows from these two (at least each quarter, so each month;
                    // at most the quarters added up, so the months), so it is not declared.
                    table.distinct(cell(row, period), parts);
                }
            }
        }
        return table.build();
    }
}
