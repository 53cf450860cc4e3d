package org.chorus.reporting.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test data: tables the way reporting builds them. Rows are commissions plus a network row that sums
 * them; columns are months, quarters that sum three months, and a year that sums the quarters.
 */
final class HierarchicalTables {

    /**
     * What to draw: rows of commissions, quarters of months, how many months are small or zero, whether the
     * figures are hours (each person giving 2 to 30, so no value equals its people) rather than people, and
     * whether each row also has sessions held: facts by quarter and year, summed like the rest.
     */
    record Shape(int commissions, int quarters, double smallShare, double zeroShare, boolean magnitude, boolean sessions) {
    }

    private HierarchicalTables() {
    }

    static String month(String row, int m) {
        return row + ".m" + (m < 10 ? "0" : "") + m;
    }

    static String quarter(String row, int q) {
        return row + ".q" + q;
    }

    static String year(String row) {
        return row + ".year";
    }

    static List<String> columns(int quarters) {
        List<String> columns = new ArrayList<>();
        for (int m = 1; m <= quarters * 3; m++) {
            columns.add(month("", m));
        }
        for (int q = 1; q <= quarters; q++) {
            columns.add(quarter("", q));
        }
        columns.add(year(""));
        return columns;
    }

    /** A random table. Small months have 1 to 12 people (so some are small for any rule), the others 10 to 200. */
    static Table draw(Random random, Shape shape) {
        Table.Builder builder = Table.builder();
        int months = shape.quarters() * 3;
        long[] networkValues = new long[months];
        long[] networkPeople = new long[months];
        long[] networkSessions = new long[shape.quarters() + 1];
        List<String> rows = new ArrayList<>();
        for (int r = 1; r <= shape.commissions(); r++) {
            String row = "c" + (r < 10 ? "00" : r < 100 ? "0" : "") + r;
            rows.add(row);
            long[] values = new long[months];
            long[] people = new long[months];
            for (int m = 0; m < months; m++) {
                double draw = random.nextDouble();
                long p = draw < shape.zeroShare() ? 0
                        : draw < shape.zeroShare() + shape.smallShare() ? 1 + random.nextInt(12)
                        : 10 + random.nextInt(191);
                people[m] = p;
                values[m] = shape.magnitude() ? p * (2 + random.nextInt(29)) : p;
            }
            addRow(builder, row, values, people);
            if (shape.sessions()) {
                long[] held = addSessions(builder, row, random, shape.quarters());
                for (int q = 0; q <= shape.quarters(); q++) {
                    networkSessions[q] += held[q];
                }
            }
            for (int m = 0; m < months; m++) {
                networkValues[m] += values[m];
                networkPeople[m] += people[m];
            }
        }
        addRow(builder, "all", networkValues, networkPeople);
        for (String column : columns(shape.quarters())) {
            builder.sum("all" + column, rows.stream().map(r -> r + column).toList());
        }
        if (shape.sessions()) {
            List<String> sessionColumns = new ArrayList<>();
            for (int q = 1; q <= shape.quarters(); q++) {
                sessionColumns.add(".sessions.q" + q);
            }
            sessionColumns.add(".sessions.year");
            for (int q = 0; q <= shape.quarters(); q++) {
                String column = sessionColumns.get(q);
                builder.fact("all" + column, networkSessions[q]);
                builder.sum("all" + column, rows.stream().map(r -> r + column).toList());
            }
        }
        return builder.build();
    }

    /** Sessions held by a commission each quarter, and in the year (last): facts, about no one. */
    private static long[] addSessions(Table.Builder builder, String row, Random random, int quarters) {
        long[] held = new long[quarters + 1];
        List<String> ids = new ArrayList<>();
        for (int q = 1; q <= quarters; q++) {
            held[q - 1] = random.nextInt(4);
            builder.fact(row + ".sessions.q" + q, held[q - 1]);
            ids.add(row + ".sessions.q" + q);
            held[quarters] += held[q - 1];
        }
        builder.fact(row + ".sessions.year", held[quarters]);
        builder.sum(row + ".sessions.year", ids);
        return held;
    }

    /** One row's months, quarters and year, with the sums along the row. */
    private static void addRow(Table.Builder builder, String row, long[] values, long[] people) {
        int quarters = values.length / 3;
        long yearValue = 0;
        long yearPeople = 0;
        List<String> quarterIds = new ArrayList<>();
        for (int q = 1; q <= quarters; q++) {
            long quarterValue = 0;
            long quarterPeople = 0;
            List<String> monthIds = new ArrayList<>();
            for (int m = (q - 1) * 3 + 1; m <= q * 3; m++) {
                builder.cell(month(row, m), values[m - 1], people[m - 1]);
                monthIds.add(month(row, m));
                quarterValue += values[m - 1];
                quarterPeople += people[m - 1];
            }
            builder.cell(quarter(row, q), quarterValue, quarterPeople);
            builder.sum(quarter(row, q), monthIds);
            quarterIds.add(quarter(row, q));
            yearValue += quarterValue;
            yearPeople += quarterPeople;
        }
        builder.cell(year(row), yearValue, yearPeople);
        builder.sum(year(row), quarterIds);
    }
}
