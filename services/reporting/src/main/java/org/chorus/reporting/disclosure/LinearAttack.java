package org.chorus.reporting.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The reader as an attacker: what the published table, its sums and its distinct counts tell about each
 * cell, found by linear programs (the relaxation tau-Argus audits with). One variable per cell, bounded by
 * what the reader knows of it; one equation per sum; per distinct count, one inequality per part (the part
 * is at most the total) and one for the total (at most the parts added up).
 *
 * <p>Two things keep it fast. Cells the reader knows exactly are constants, so a program covers only the
 * connected group of unknown cells around the cell asked about. And every solution is a point the reader
 * cannot rule out, so each one widens the range seen for every cell in it; a cell whose seen range is
 * already wide enough needs no program. Hiding more cells only loosens what the reader knows: the
 * relations stay the same and a hidden cell's bounds contain its published ones, so the reader's
 * feasible set only grows, points seen stay possible and a protected cell stays protected. That holds
 * for inequalities as for equations.
 */
final class LinearAttack {

    /** Slack for the solver's floating point; every bound and value here is a whole number. */
    static final double EPSILON = 1e-6;

    private final Table table;
    private final Rule rule;
    private final Shown[] shown;
    private final long[] lower;
    private final long[] upper;
    /** Stands for "no upper bound": a program that reaches it found the cell unbounded. */
    private final long cap;
    private final double[] seenLow;
    private final double[] seenHigh;
    /** For a starred count found unsafe from one relation alone: whether it must be able to reach 7 (else 1). */
    private final Boolean[] starNeedsUp;
    private int programs;

    LinearAttack(Table table, Rule rule, Shown[] shown) {
        this.table = table;
        this.rule = rule;
        this.shown = shown;
        int n = table.size();
        long everything = 0;
        for (int i = 0; i < n; i++) {
            everything = Math.addExact(everything, table.value(i));
        }
        // Far beyond any bounded range in the table (a bounded cell's range comes from published figures),
        // and far enough above every value that reaching it proves any width asked for.
        this.cap = Math.addExact(Math.multiplyExact(everything, 2), 1000L + 10L * rule.threshold());
        this.lower = new long[n];
        this.upper = new long[n];
        this.seenLow = new double[n];
        this.seenHigh = new double[n];
        this.starNeedsUp = new Boolean[n];
        for (int i = 0; i < n; i++) {
            bound(i);
            // The truth is one point the reader cannot rule out.
            seenLow[i] = table.value(i);
            seenHigh[i] = table.value(i);
        }
    }

    /** Hides a cell: the reader now knows only what a hidden cell tells. */
    void hide(int i) {
        shown[i] = new Shown.Hidden();
        bound(i);
    }

    int programsSolved() {
        return programs;
    }

    /** What the reader knows of one cell from what is shown for it and the rule. */
    private void bound(int i) {
        switch (shown[i]) {
            case Shown.Figure f when table.isFact(i) || f.value() == 0 || !rule.isNhs() -> {
                lower[i] = f.value();
                upper[i] = f.value();
            }
            case Shown.Figure f -> {
                // Rounded to the nearest 5, and a figure that is shown has at least 8 people, each adding 1.
                lower[i] = Math.max(f.value() - 2, Rule.NHS_THRESHOLD);
                upper[i] = f.value() + 2;
            }
            case Shown.Small s -> {
                // A magnitude (hours, pence) with 1 to 7 people behind it can be any size.
                lower[i] = 1;
                upper[i] = table.isCount(i) ? Rule.NHS_THRESHOLD - 1 : cap;
            }
            case Shown.Hidden h -> {
                // All hidden cells look alike: at least one person, so at least 1. Under the NHS rule too,
                // since a star that nothing else protects is hidden as well.
                lower[i] = 1;
                upper[i] = cap;
            }
        }
    }

    /** Whether the reader can narrow this hidden or starred cell down less than {@link Protection} asks. */
    boolean isProtected(int c) {
        if (Protection.holds(table, rule, c, seenLow[c], seenHigh[c])) {
            return true;
        }
        if (isStarredCount(c)) {
            double[] outer = fromOneRelation(c);
            if (!Protection.holds(table, rule, c, outer[0], outer[1])) {
                // Already too narrow from one relation alone; the programs could only narrow it further.
                starNeedsUp[c] = outer[1] < Rule.NHS_THRESHOLD - 1 - EPSILON;
                return false;
            }
        }
        starNeedsUp[c] = null;
        // First over the cells near it, the rest held at their true values: any point found there is one
        // the reader cannot rule out, and is much cheaper to find when every rounded figure is unknown.
        int[] near = neighbourhood(c, 2);
        int[] group = groupAround(c);
        for (int[] cells : near.length < group.length ? List.of(near, group) : List.of(group)) {
            if (seenHigh[c] < upper[c] - EPSILON) {
                solve(cells, c, true);
                if (Protection.holds(table, rule, c, seenLow[c], seenHigh[c])) {
                    return true;
                }
            }
            if (seenLow[c] > lower[c] + EPSILON) {
                solve(cells, c, false);
                if (Protection.holds(table, rule, c, seenLow[c], seenHigh[c])) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The cheapest cells to hide so that an unprotected cell becomes protected: the single-cell protection
     * step of tau-Argus's heuristics (Fischetti and Salazar). Finds a point the reader could not rule out once
     * those cells are hidden, in which the cell lies far enough from its current range, moving published
     * cells as little as possible, weighted by their values (so small cells and short paths come first).
     * Looks near the cell first (relations two, then four steps away) to keep the program small, then at its
     * whole group. Call only after {@link #isProtected} said no, so the range seen is exact. Hides the cells
     * and returns them; none when no hiding helps.
     */
    int[] hideCheapest(int c, IntPredicate mayHide) {
        double target;
        boolean up;
        if (isStarredCount(c)) {
            up = starNeedsUp[c] != null ? starNeedsUp[c] : seenHigh[c] < Rule.NHS_THRESHOLD - 1 - EPSILON;
            target = up ? Rule.NHS_THRESHOLD - 1 : Math.max(1, table.leastFromShape(c));
        } else {
            long width = Protection.width(table, rule, c);
            up = seenLow[c] + width <= upper[c];
            target = up ? seenLow[c] + width : seenHigh[c] - width;
            if (!up && target < lower[c]) {
                return new int[0];
            }
        }
        for (int radius : new int[] {2, 4, Integer.MAX_VALUE}) {
            int[] cells = release(c, target, up, mayHide, radius);
            if (cells != null) {
                return cells;
            }
        }
        return new int[0];
    }

    /** One try at {@link #hideCheapest} within so many relations of the cell; null if none there. */
    private int[] release(int c, double target, boolean up, IntPredicate mayHide, int radius) {
        long hiddenLower = 1;
        int n = table.size();
        int[] position = new int[n];
        Arrays.fill(position, -1);
        List<Integer> cells = new ArrayList<>();
        for (int cell : around(c, radius, i -> isUnknown(i) || mayHide.test(i))) {
            position[cell] = cells.size();
            cells.add(cell);
        }
        // A cell the reader knows now is y, free within those bounds. A cell that may be hidden is also
        // y + over − under: moving beyond what the reader knows means hiding it, at a cost of its value per
        // unit, and down no further than a hidden cell can go.
        ExpressionsBasedModel model = newModel();
        Variable[] y = new Variable[cells.size()];
        Variable[] over = new Variable[cells.size()];
        Variable[] under = new Variable[cells.size()];
        long[] low = new long[cells.size()];
        for (int j = 0; j < cells.size(); j++) {
            int cell = cells.get(j);
            low[j] = lower[cell];
            long high = upper[cell];
            if (j == 0 && up) {
                low[j] = Math.max(low[j], (long) Math.ceil(target - EPSILON));
            } else if (j == 0) {
                high = Math.min(high, (long) Math.floor(target + EPSILON));
            }
            if (low[j] > high) {
                return null;
            }
            if (low[j] < high) {
                y[j] = model.addVariable().lower(low[j]).upper(high);
            }
            if (mayHide.test(cell)) {
                double cost = Math.max(1, table.value(cell));
                over[j] = model.addVariable().lower(0).upper(cap - upper[cell]).weight(cost);
                under[j] = model.addVariable().lower(0).upper(Math.max(0, lower[cell] - hiddenLower)).weight(cost);
            }
        }
        addRelations(model, cells.stream().mapToInt(Integer::intValue).toArray(), position, (row, j, sign) -> {
            long constant = 0;
            if (y[j] != null) {
                row.set(y[j], sign);
            } else {
                constant = sign * low[j];
            }
            if (over[j] != null) {
                row.set(over[j], sign);
                row.set(under[j], -sign);
            }
            return constant;
        });
        Optimisation.Result result = model.minimise();
        programs++;
        if (!result.getState().isFeasible()) {
            return null;
        }
        double[] point = new double[cells.size()];
        List<Integer> toHide = new ArrayList<>();
        for (int j = 0; j < cells.size(); j++) {
            int cell = cells.get(j);
            double known = y[j] != null ? y[j].getValue().doubleValue() : low[j];
            double moved = over[j] == null ? 0 : over[j].getValue().doubleValue() - under[j].getValue().doubleValue();
            point[j] = known + moved;
            if (over[j] != null && Math.abs(moved) > EPSILON) {
                toHide.add(cell);
            }
        }
        for (int cell : toHide) {
            hide(cell);
        }
        // With those hidden, the point is one the reader cannot rule out.
        for (int j = 0; j < cells.size(); j++) {
            int cell = cells.get(j);
            seenLow[cell] = Math.min(seenLow[cell], point[j]);
            seenHigh[cell] = Math.max(seenHigh[cell], point[j]);
        }
        return toHide.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The least and greatest value the reader cannot rule out; the greatest is infinite when nothing bounds it. */
    double[] range(int c) {
        if (seenHigh[c] < upper[c] - EPSILON) {
            solve(c, true);
        }
        if (seenLow[c] > lower[c] + EPSILON) {
            solve(c, false);
        }
        double high = seenHigh[c] >= cap - EPSILON ? Double.POSITIVE_INFINITY : seenHigh[c];
        return new double[] {seenLow[c], high};
    }

    private boolean isStarredCount(int c) {
        return Protection.isSmallNhsCount(table, rule, c);
    }

    /**
     * A range that holds the cell's true range: what each of its relations alone allows, given what the
     * reader knows of the relation's other members.
     */
    private double[] fromOneRelation(int c) {
        double low = lower[c];
        double high = upper[c];
        for (int s : table.relationsOf(c)) {
            double[] range = fromRelation(c, s, -1);
            low = Math.max(low, range[0]);
            high = Math.min(high, range[1]);
        }
        return new double[] {low, high};
    }

    /** The relations that on their own, with the reader's knowledge of their other members, leave this cell unsafe. */
    List<Integer> relationsGivingAway(int c) {
        List<Integer> relations = new ArrayList<>();
        for (int r : table.relationsOf(c)) {
            if (givesAway(c, r, -1)) {
                relations.add(r);
            }
        }
        return relations;
    }

    /**
     * Whether the relation on its own, with the reader's knowledge of its other members, leaves this cell
     * unsafe; with {@code alsoHidden} (else -1) counted as hidden, to see whether hiding it would help.
     */
    boolean givesAway(int c, int relation, int alsoHidden) {
        double[] range = fromRelation(c, relation, alsoHidden);
        return !Protection.holds(table, rule, c, Math.max(lower[c], range[0]), Math.min(upper[c], range[1]));
    }

    /**
     * What one relation alone allows for a cell, given what the reader knows of its other members (one of
     * which, unless -1, counted as hidden).
     */
    private double[] fromRelation(int c, int relation, int alsoHidden) {
        int[] members = table.members(relation);
        if (table.isDistinct(relation)) {
            // Each part is at most the total; the total is at most the parts added up.
            if (members[0] == c) {
                double most = 0;
                double added = 0;
                for (int m = 1; m < members.length; m++) {
                    most = Math.max(most, low(members[m], alsoHidden));
                    added += high(members[m], alsoHidden);
                }
                return new double[] {most, added};
            }
            double others = 0;
            for (int m = 1; m < members.length; m++) {
                others += members[m] == c ? 0 : high(members[m], alsoHidden);
            }
            return new double[] {low(members[0], alsoHidden) - others, high(members[0], alsoHidden)};
        }
        // sign(c) · c = −Σ sign(m) · m over the other members, where the total counts + and the parts −.
        double otherLow = 0;
        double otherHigh = 0;
        int ownSign = 0;
        for (int m = 0; m < members.length; m++) {
            int sign = m == 0 ? 1 : -1;
            if (members[m] == c) {
                ownSign = sign;
                continue;
            }
            otherLow += sign > 0 ? low(members[m], alsoHidden) : -high(members[m], alsoHidden);
            otherHigh += sign > 0 ? high(members[m], alsoHidden) : -low(members[m], alsoHidden);
        }
        return ownSign > 0 ? new double[] {-otherHigh, -otherLow} : new double[] {otherLow, otherHigh};
    }

    /** What the reader knows at least of a cell, or would know were it hidden. */
    private double low(int cell, int hidden) {
        return cell == hidden ? 1 : lower[cell];
    }

    /** What the reader knows at most of a cell, or would know were it hidden. */
    private double high(int cell, int hidden) {
        return cell == hidden ? cap : upper[cell];
    }

    private boolean isUnknown(int i) {
        return lower[i] < upper[i];
    }

    /**
     * Widens the ranges seen for many cells at once, before asking about them one by one. Over each group
     * of unknown cells, maximises a weighted sum of the cells not yet shown safe: a starred count that has
     * not been seen at 7 pulls up, one not seen at 1 pulls down, any other cell pulls one way or the other,
     * with weights that differ from cell to cell and round to round (fixed, so the same table always gives
     * the same programs). Each solution is a point the reader cannot rule out, so a few rounds prove most
     * cells of a large table safe; it stops when a round proves too few to beat one program per cell.
     */
    void probe(List<Integer> cells) {
        boolean[] done = new boolean[table.size()];
        for (int c : cells) {
            if (done[c] || !isUnknown(c)) {
                continue;
            }
            int[] group = groupAround(c);
            for (int cell : group) {
                done[cell] = true;
            }
            int unproven = unproven(group);
            for (int round = 0; round < PROBE_ROUNDS && unproven >= PROBE_MINIMUM; round++) {
                double[] weights = new double[group.length];
                for (int j = 0; j < group.length; j++) {
                    weights[j] = pull(group[j], round) * weight(group[j], round);
                }
                solve(group, weights, true);
                int left = unproven(group);
                // A probe costs about what a program near one cell costs per hundred cells of the group.
                if (unproven - left < Math.max(Math.max(2, unproven / 20), group.length / 100)) {
                    break;
                }
                unproven = left;
            }
        }
    }

    private static final int PROBE_ROUNDS = 20;
    /** Below this many cells left to prove, one program per cell is as cheap. */
    private static final int PROBE_MINIMUM = 4;

    /** Which way a probe pushes a cell: 0 once it is shown safe. */
    private int pull(int cell, int round) {
        if (shown[cell] instanceof Shown.Figure || Protection.holds(table, rule, cell, seenLow[cell], seenHigh[cell])) {
            return 0;
        }
        if (isStarredCount(cell)) {
            return seenHigh[cell] < Rule.NHS_THRESHOLD - 1 - EPSILON ? 1 : -1;
        }
        return ((cell + round) & 1) == 0 ? 1 : -1;
    }

    private int unproven(int[] group) {
        int count = 0;
        for (int cell : group) {
            if (pull(cell, 0) != 0) {
                count++;
            }
        }
        return count;
    }

    /** A weight between 1 and 2 that looks random but is fixed for a cell and a round. */
    private static double weight(int cell, int round) {
        long h = (cell * 0x9E3779B97F4A7C15L) ^ (round * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return 1 + (h >>> 11) * 0x1.0p-53;
    }

    /** Solves for the cell's greatest or least value over its group of unknown cells, and keeps what it saw. */
    private void solve(int c, boolean greatest) {
        solve(groupAround(c), c, greatest);
    }

    /** The same over some of the cells (the cell first), the others held at their true values. */
    private void solve(int[] cells, int c, boolean greatest) {
        double[] weights = new double[cells.length];
        weights[0] = 1;
        solve(cells, weights, greatest);
    }

    /** Solves for the greatest or least weighted sum over a group of unknown cells, and keeps what it saw. */
    private void solve(int[] group, double[] weights, boolean greatest) {
        int[] position = new int[table.size()];
        Arrays.fill(position, -1);
        ExpressionsBasedModel model = newModel();
        Variable[] variables = new Variable[group.length];
        for (int j = 0; j < group.length; j++) {
            int cell = group[j];
            position[cell] = j;
            variables[j] = model.addVariable("x" + cell).lower(lower[cell]).upper(upper[cell]);
        }
        addRelations(model, group, position, (row, j, sign) -> {
            row.set(variables[j], sign);
            return 0;
        });
        for (int j = 0; j < group.length; j++) {
            if (weights[j] != 0) {
                variables[j].weight(weights[j]);
            }
        }
        Optimisation.Result result = greatest ? model.maximise() : model.minimise();
        programs++;
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("The reader's view of the table has no solution (" + result.getState()
                    + "): what is published does not fit the table");
        }
        for (int j = 0; j < group.length; j++) {
            double value = result.doubleValue(j);
            int cell = group[j];
            seenLow[cell] = Math.min(seenLow[cell], value);
            seenHigh[cell] = Math.max(seenHigh[cell], value);
        }
    }

    private static ExpressionsBasedModel newModel() {
        // ojAlgo's defaults measured best here; its sparse option was several times slower on these tables.
        return new ExpressionsBasedModel();
    }

    /** Writes a member of a relation into one of its rows: its terms, and what it adds to the constant side. */
    @FunctionalInterface
    private interface Terms {
        long add(Expression row, int position, long sign);
    }

    /**
     * The rows of every relation that touches these cells. A sum: the total minus the parts is 0. A
     * distinct count: the total minus each part is at least 0, and the parts minus the total at least 0.
     * A member with no position (known exactly, or outside the cells solved for) is held at its true value,
     * which the reader cannot rule out; a row with no member in the cells is left out, as the true values
     * keep it.
     */
    private void addRelations(ExpressionsBasedModel model, int[] cells, int[] position, Terms terms) {
        boolean[] written = new boolean[table.relationCount()];
        for (int cell : cells) {
            for (int r : table.relationsOf(cell)) {
                if (written[r]) {
                    continue;
                }
                written[r] = true;
                int[] members = table.members(r);
                long[] totalLessParts = new long[members.length];
                Arrays.fill(totalLessParts, -1);
                totalLessParts[0] = 1;
                if (!table.isDistinct(r)) {
                    addRow(model, members, totalLessParts, position, terms, true);
                    continue;
                }
                for (int m = 1; m < members.length; m++) {
                    addRow(model, new int[] {members[0], members[m]}, new long[] {1, -1}, position, terms, false);
                }
                long[] partsLessTotal = Arrays.stream(totalLessParts).map(sign -> -sign).toArray();
                addRow(model, members, partsLessTotal, position, terms, false);
            }
        }
    }

    /** Σ sign · member, equal to 0 or at least 0. */
    private void addRow(ExpressionsBasedModel model, int[] members, long[] signs, int[] position, Terms terms,
            boolean equal) {
        if (Arrays.stream(members).allMatch(m -> position[m] < 0)) {
            return;
        }
        Expression row = model.addExpression();
        long constant = 0;
        for (int m = 0; m < members.length; m++) {
            int j = position[members[m]];
            constant += j < 0 ? signs[m] * table.value(members[m]) : terms.add(row, j, signs[m]);
        }
        if (equal) {
            row.level(-constant);
        } else {
            row.lower(-constant);
        }
    }

    /** The unknown cells joined to this one through relations, this one first. */
    private int[] groupAround(int c) {
        return around(c, Integer.MAX_VALUE, this::isUnknown);
    }

    /** The unknown cells at most so many relations away from this one, this one first. */
    private int[] neighbourhood(int c, int radius) {
        return around(c, radius, this::isUnknown);
    }

    /** The cells that pass the test and are joined to this one through such cells, at most so many relations away. */
    private int[] around(int c, int radius, IntPredicate joins) {
        boolean[] in = new boolean[table.size()];
        boolean[] relationSeen = new boolean[table.relationCount()];
        List<Integer> cells = new ArrayList<>();
        cells.add(c);
        in[c] = true;
        int layerEnd = 1;
        for (int depth = 0, q = 0; depth < radius && q < cells.size(); depth++) {
            for (; q < layerEnd; q++) {
                for (int s : table.relationsOf(cells.get(q))) {
                    if (relationSeen[s]) {
                        continue;
                    }
                    relationSeen[s] = true;
                    for (int member : table.members(s)) {
                        if (!in[member] && joins.test(member)) {
                            in[member] = true;
                            cells.add(member);
                        }
                    }
                }
            }
            layerEnd = cells.size();
        }
        return cells.stream().mapToInt(Integer::intValue).toArray();
    }
}
