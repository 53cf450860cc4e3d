package org.chorus.reporting.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Test data: tables the way reporting builds them. Rows are commissions plus a network row that sums
 * them; columns are months, quarters and a year. For counts that add up and for hours, a quarter sums
 * its three months and the year sums the quarters. For people, each row draws who came in which month,
 * so a quarter and the year count distinct people: true counts, declared as distinct counts.
 */
final class HierarchicalTables {

    /** What the figures are, and so how a quarter relates to its months. */
    enum Figures {
        /** Counts whose quarter is the sum of its months (value equals people). */
        COUNTS_THAT_ADD_UP,
        /** Hours, each person giving 2 to 30, so no value equals its people; they add up. */
        HOURS,
        /** People counted once a period however often they came: a quarter is a distinct count of its months. */
        PEOPLE
    }

    /**
     * What to draw: rows of commissions, quarters of months, how many months are small or zero, what the
     * figures are, and whether each row also has sessions held: facts by quarter and year, summed like the rest.
     */
    record Shape(int commissions, int quarters, double smallShare, double zeroShare, Figures figures, boolean sessions) {
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

    /**
     * A random table. Small months have 1 to 12 people (so some are small for any rule), the others 10 to 200.
     * For people, each row draws who came each month from a pool of its own, between as many people as its
     * busiest month (everyone comes back) and as many as all its months together (nobody does).
     */
    static Table draw(Random random, Shape shape) {
        Table.Builder builder = Table.builder();
        int months = shape.quarters() * 3;
        int columns = months + shape.quarters() + 1;
        long[] networkValues = new long[columns];
        long[] networkPeople = new long[columns];
        long[] networkSessions = new long[shape.quarters() + 1];
        List<String> rows = new ArrayList<>();
        for (int r = 1; r <= shape.commissions(); r++) {
            String row = "c" + (r < 10 ? "00" : r < 100 ? "0" : "") + r;
            rows.add(row);
            long[] people = new long[months];
            for (int m = 0; m < months; m++) {
                double draw = random.nextDouble();
                people[m] = draw < shape.zeroShare() ? 0
                        : draw < shape.zeroShare() + shape.smallShare() ? 1 + random.nextInt(12)
                        : 10 + random.nextInt(191);
            }
            long[][] cells = switch (shape.figures()) {
                case PEOPLE -> whoCame(random, people);
                case COUNTS_THAT_ADD_UP -> addUp(people, people);
                case HOURS -> {
                    long[] hours = new long[months];
                    for (int m = 0; m < months; m++) {
                        hours[m] = people[m] * (2 + random.nextInt(29));
                    }
                    yield addUp(hours, people);
                }
            };
            addRow(builder, row, cells[0], cells[1], shape.figures());
            if (shape.sessions()) {
                long[] held = addSessions(builder, row, random, shape.quarters());
                for (int q = 0; q <= shape.quarters(); q++) {
                    networkSessions[q] += held[q];
                }
            }
            for (int c = 0; c < columns; c++) {
                networkValues[c] += cells[0][c];
                networkPeople[c] += cells[1][c];
            }
        }
        addRow(builder, "all", networkValues, networkPeople, shape.figures());
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

    /** Values and people by month, then by quarter and for the year, each the sum of the shorter periods. */
    private static long[][] addUp(long[] values, long[] people) {
        int months = values.length;
        int quarters = months / 3;
        long[][] cells = new long[2][months + quarters + 1];
        for (int m = 0; m < months; m++) {
            for (int column : new int[] {m, months + m / 3, months + quarters}) {
                cells[0][column] += values[m];
                cells[1][column] += people[m];
            }
        }
        return cells;
    }

    /**
     * Draws who of a row's people came in each month, so many a month, and counts the distinct people by
     * month, quarter and year. Both rows of the result are those counts: for people, value equals people.
     */
    private static long[][] whoCame(Random random, long[] byMonth) {
        int months = byMonth.length;
        int quarters = months / 3;
        long busiest = 0;
        long all = 0;
        for (long p : byMonth) {
            busiest = Math.max(busiest, p);
            all += p;
        }
        int pool = (int) (busiest + random.nextInt((int) (all - busiest) + 1));
        BitSet[] came = new BitSet[months + quarters + 1];
        for (int c = 0; c < came.length; c++) {
            came[c] = new BitSet(pool);
        }
        for (int m = 0; m < months; m++) {
            List<Integer> everyone = new ArrayList<>(IntStream.range(0, pool).boxed().toList());
            Collections.shuffle(everyone, random);
            for (int person : everyone.subList(0, (int) byMonth[m])) {
                came[m].set(person);
                came[months + m / 3].set(person);
                came[months + quarters].set(person);
            }
        }
        long[] counts = new long[came.length];
        for (int c = 0; c < came.length; c++) {
            counts[c] = came[c].cardinality();
        }
        return new long[][] {counts, counts.clone()};
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

    /**
     * One row's cells (months, then quarters, then the year) and how they relate along the row: sums for
     * figures that add up, distinct counts for people.
     */
    private static void addRow(Table.Builder builder, String row, long[] values, long[] people, Figures figures) {
        int quarters = (values.length - 1) / 4;
        int months = quarters * 3;
        List<String> quarterIds = new ArrayList<>();
        for (int q = 1; q <= quarters; q++) {
            List<String> monthIds = new ArrayList<>();
            for (int m = (q - 1) * 3 + 1; m <= q * 3; m++) {
                builder.cell(month(row, m), values[m - 1], people[m - 1]);
                monthIds.add(month(row, m));
            }
            builder.cell(quarter(row, q), values[months + q - 1], people[months + q - 1]);
            relate(builder, figures, quarter(row, q), monthIds);
            quarterIds.add(quarter(row, q));
        }
        builder.cell(year(row), values[months + quarters], people[months + quarters]);
        relate(builder, figures, year(row), quarterIds);
    }

    private static void relate(Table.Builder builder, Figures figures, String total, List<String> parts) {
        if (figures == Figures.PEOPLE) {
            builder.distinct(total, parts);
        } else {
            builder.sum(total, parts);
        }
    }

    /** The same cells, facts and sums, but no distinct counts: what a reader was told before they were declared. */
    static Table withoutDistinctCounts(Table table) {
        Table.Builder builder = Table.builder();
        for (String id : table.ids()) {
            if (table.isFact(id)) {
                builder.fact(id, table.value(id));
            } else {
                builder.cell(id, table.value(id), table.people(id));
            }
        }
        table.sums().forEach(sum -> builder.sum(sum.total(), sum.parts()));
        return builder.build();
    }
}
