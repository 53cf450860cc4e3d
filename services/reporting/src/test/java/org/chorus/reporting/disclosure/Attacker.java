package org.chorus.reporting.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A reader trying to uncover suppressed cells, written apart from the production code: it knows only the
 * table's ids, sums and distinct counts, what is published, and the rule, and states what each of those
 * tells in its own words. A distinct count of people is at least each of its parts (everyone in a month
 * is in its quarter) and at most all of them together (nobody is counted twice in the quarter). Three
 * attacks on every hidden or starred cell: each sum or distinct count on its own, bounds pushed through
 * all of them until they settle, and the linear program over all the cells at once. A cell is recovered
 * when an attack narrows it more than the rule allows. Each attack must also leave the cell's true value
 * possible, or the attacker's idea of what the reader knows is wrong.
 */
final class Attacker {

    /** One attack that narrowed a cell too far, or that ruled out its true value. */
    record Finding(String cell, String attack, double low, double high, long truth) {
    }

    private static final double TOLERANCE = 1e-6;
    private static final double NO_LIMIT = 1e12;

    private final Table table;
    private final Published published;
    private final Rule rule;
    private final List<String> ids;
    private final Map<String, Integer> index = new HashMap<>();
    private final double[] low;
    private final double[] high;
    /**
     * Zeros are shown, so a sum of n cells that are not zero is at least n, whatever is hidden, and a
     * distinct count at least as much as any of its parts.
     */
    private final long[] leastFromShape;
    private int attacks;
    private final List<Finding> recovered = new ArrayList<>();
    private final List<Finding> impossible = new ArrayList<>();

    Attacker(Table table, Published published, Rule rule) {
        this.table = table;
        this.published = published;
        this.rule = rule;
        this.ids = table.ids();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        this.leastFromShape = new long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            leastFromShape[i] = table.value(ids.get(i)) == 0 ? 0 : 1;
        }
        for (int pass = 0; pass <= table.sums().size() + table.distincts().size(); pass++) {
            for (Table.Sum sum : table.sums()) {
                long parts = sum.parts().stream().mapToLong(p -> leastFromShape[index.get(p)]).sum();
                int total = index.get(sum.total());
                leastFromShape[total] = Math.max(leastFromShape[total], parts);
            }
            for (Table.Distinct distinct : table.distincts()) {
                long biggest = distinct.parts().stream().mapToLong(p -> leastFromShape[index.get(p)]).max().orElse(0);
                int total = index.get(distinct.total());
                leastFromShape[total] = Math.max(leastFromShape[total], biggest);
            }
        }
        this.low = new double[ids.size()];
        this.high = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            readerKnows(i);
        }
    }

    int attacks() {
        return attacks;
    }

    List<Finding> recovered() {
        return recovered;
    }

    List<Finding> impossible() {
        return impossible;
    }

    /** Runs every attack on every hidden or starred cell. */
    Attacker run() {
        double[][] pushed = pushBoundsThroughSums();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (published.of(id) instanceof Shown.Figure) {
                continue;
            }
            for (Table.Sum sum : table.sums()) {
                if (sum.total().equals(id) || sum.parts().contains(id)) {
                    double[] range = fromOneSum(i, sum);
                    judge(i, "the sum for " + sum.total() + " alone", range[0], range[1]);
                }
            }
            for (Table.Distinct distinct : table.distincts()) {
                if (distinct.total().equals(id) || distinct.parts().contains(id)) {
                    double[] range = fromOneDistinctCount(i, distinct);
                    judge(i, "the distinct count " + distinct.total() + " alone", range[0], range[1]);
                }
            }
            judge(i, "bounds pushed through every relation", pushed[0][i], pushed[1][i]);
            judge(i, "linear program", program(i, false), program(i, true));
        }
        return this;
    }

    /** What the published symbol and the rule tell the reader about one cell. */
    private void readerKnows(int i) {
        String id = ids.get(i);
        boolean fact = table.isFact(id);
        boolean count = table.value(id) == table.people(id);
        switch (published.of(id)) {
            case Shown.Figure figure when fact || figure.value() == 0 || !rule.isNhs() -> {
                low[i] = figure.value();
                high[i] = figure.value();
            }
            case Shown.Figure figure -> {
                // Rounded to the nearest 5 from a figure with 8 or more people (each adding at least 1).
                low[i] = Math.max(8, figure.value() - 2);
                high[i] = figure.value() + 2;
            }
            case Shown.Small small -> {
                low[i] = 1;
                high[i] = count ? 7 : NO_LIMIT;
            }
            case Shown.Hidden hidden -> {
                // Someone is behind it; under the NHS rule it may even be a star that had to be hidden.
                low[i] = 1;
                high[i] = NO_LIMIT;
            }
        }
    }

    private void judge(int i, String attack, double from, double to) {
        attacks++;
        String id = ids.get(i);
        long truth = table.value(id);
        if (truth < from - TOLERANCE || truth > to + TOLERANCE) {
            impossible.add(new Finding(id, attack, from, to, truth));
        }
        if (!safe(i, from, to)) {
            recovered.add(new Finding(id, attack, from, to, truth));
        }
    }

    /** The rule's protection, stated here again on purpose rather than taken from the production code. */
    private boolean safe(int i, double from, double to) {
        String id = ids.get(i);
        long value = table.value(id);
        long people = table.people(id);
        boolean count = value == people;
        boolean primary = people >= 1 && people < rule.threshold();
        if (rule.isNhs() && primary && count) {
            return from <= Math.max(1, leastFromShape[i]) + TOLERANCE && to >= 7 - TOLERANCE;
        }
        double width;
        if (rule.isNhs() && !primary) {
            width = 4;
        } else if (primary && !count) {
            width = Math.max(rule.threshold(), Math.ceil(value / 5.0));
        } else {
            width = rule.threshold();
        }
        return to - from >= width - TOLERANCE;
    }

    /** The cell's range from one sum, taking every other member at its widest. */
    private double[] fromOneSum(int i, Table.Sum sum) {
        String id = ids.get(i);
        double othersLow = 0;
        double othersHigh = 0;
        for (String part : sum.parts()) {
            if (!part.equals(id)) {
                othersLow += low[index.get(part)];
                othersHigh += high[index.get(part)];
            }
        }
        int total = index.get(sum.total());
        double from;
        double to;
        if (sum.total().equals(id)) {
            from = othersLow;
            to = othersHigh;
        } else {
            from = low[total] - othersHigh;
            to = high[total] - othersLow;
        }
        return new double[] {Math.max(low[i], from), Math.min(high[i], to)};
    }

    /**
     * The cell's range from one distinct count, every other member at its widest: a total lies between its
     * biggest part and all its parts together; a part is at most the total, and at least what the total
     * leaves when every other part is as big as it can be.
     */
    private double[] fromOneDistinctCount(int i, Table.Distinct distinct) {
        String id = ids.get(i);
        int total = index.get(distinct.total());
        double from;
        double to;
        if (distinct.total().equals(id)) {
            from = distinct.parts().stream().mapToDouble(p -> low[index.get(p)]).max().orElse(0);
            to = distinct.parts().stream().mapToDouble(p -> high[index.get(p)]).sum();
        } else {
            double othersHigh = distinct.parts().stream().filter(p -> !p.equals(id)).mapToDouble(p -> high[index.get(p)]).sum();
            from = low[total] - othersHigh;
            to = high[total];
        }
        return new double[] {Math.max(low[i], from), Math.min(high[i], to)};
    }

    /** Interval propagation: each relation narrows each member from the others, over and over until nothing changes. */
    private double[][] pushBoundsThroughSums() {
        double[] from = low.clone();
        double[] to = high.clone();
        for (int sweep = 0; sweep < 200; sweep++) {
            boolean changed = false;
            for (Table.Sum sum : table.sums()) {
                int total = index.get(sum.total());
                double partsLow = 0;
                double partsHigh = 0;
                for (String part : sum.parts()) {
                    partsLow += from[index.get(part)];
                    partsHigh += to[index.get(part)];
                }
                changed |= narrow(from, to, total, partsLow, partsHigh);
                for (String part : sum.parts()) {
                    int p = index.get(part);
                    double othersLow = partsLow - from[p];
                    double othersHigh = partsHigh - to[p];
                    changed |= narrow(from, to, p, from[total] - othersHigh, to[total] - othersLow);
                }
            }
            for (Table.Distinct distinct : table.distincts()) {
                int total = index.get(distinct.total());
                double biggest = 0;
                double together = 0;
                for (String part : distinct.parts()) {
                    biggest = Math.max(biggest, from[index.get(part)]);
                    together += to[index.get(part)];
                }
                changed |= narrow(from, to, total, biggest, together);
                for (String part : distinct.parts()) {
                    int p = index.get(part);
                    double othersHigh = together - to[p];
                    changed |= narrow(from, to, p, from[total] - othersHigh, to[total]);
                }
            }
            if (!changed) {
                break;
            }
        }
        return new double[][] {from, to};
    }

    private static boolean narrow(double[] from, double[] to, int i, double newFrom, double newTo) {
        boolean changed = false;
        if (newFrom > from[i] + TOLERANCE) {
            from[i] = newFrom;
            changed = true;
        }
        if (newTo < to[i] - TOLERANCE) {
            to[i] = newTo;
            changed = true;
        }
        return changed;
    }

    /** The least or greatest value of a cell over every cell of the table at once: no groups, no shortcuts. */
    private double program(int cell, boolean greatest) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = new Variable[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            x[i] = model.addVariable(ids.get(i)).lower(low[i]);
            if (high[i] < NO_LIMIT) {
                x[i].upper(high[i]);
            }
        }
        for (Table.Sum sum : table.sums()) {
            Expression e = model.addExpression().level(0);
            e.set(x[index.get(sum.total())], 1);
            for (String part : sum.parts()) {
                e.set(x[index.get(part)], -1);
            }
        }
        for (Table.Distinct distinct : table.distincts()) {
            Expression atMostTogether = model.addExpression().lower(0);
            atMostTogether.set(x[index.get(distinct.total())], -1);
            for (String part : distinct.parts()) {
                atMostTogether.set(x[index.get(part)], 1);
                model.addExpression().lower(0).set(x[index.get(distinct.total())], 1).set(x[index.get(part)], -1);
            }
        }
        x[cell].weight(1);
        Optimisation.Result result = greatest ? model.maximise() : model.minimise();
        if (result.getState() == Optimisation.State.UNBOUNDED) {
            return greatest ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        if (!result.getState().isFeasible()) {
            throw new AssertionError("The attacker's linear program for " + ids.get(cell) + " has no solution: " + result.getState());
        }
        return result.doubleValue(cell);
    }
}
