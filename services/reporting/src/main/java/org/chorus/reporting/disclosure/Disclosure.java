package org.chorus.reporting.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what of a table may be published under a rule. Cells with too few people behind them are
 * hidden (or starred under the NHS rule); then more cells are hidden until no suppressed cell can be
 * worked out from the sums, the distinct counts and what is shown, as {@link DisclosureAudit} checks. The
 * same table always gives the same result, so two requests for overlapping slices agree.
 */
public final class Disclosure {

    private final Rule rule;

    public Disclosure(Rule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * What may be published. Where a suppressed cell cannot be protected even with every cell joined to it
     * hidden (its relations' other members are facts or zeros), all of those stay hidden and the audit
     * reports the cell.
     */
    public Published publish(Table table) {
        Suppression suppression = new Suppression(table, rule);
        suppression.protectEverySuppressedCell();
        return suppression.published();
    }

    /** Only the primary suppression: unsafe to publish; it lets the tests show that the attack can succeed. */
    Published publishPrimaryOnly(Table table) {
        return new Suppression(table, rule).published();
    }

    /** One table's suppression, step by step. */
    static final class Suppression {

        private final Table table;
        private final Rule rule;
        private final Shown[] shown;
        private final LinearAttack attack;

        Suppression(Table table, Rule rule) {
            this.table = table;
            this.rule = rule;
            this.shown = new Shown[table.size()];
            for (int i = 0; i < table.size(); i++) {
                shown[i] = primary(i);
            }
            this.attack = new LinearAttack(table, rule, shown);
        }

        private Shown primary(int i) {
            long value = table.value(i);
            if (table.isFact(i) || value == 0) {
                return new Shown.Figure(value);
            }
            if (rule.isSmall(table.people(i))) {
                return rule.isNhs() ? new Shown.Small() : new Shown.Hidden();
            }
            return new Shown.Figure(rule.isNhs() ? roundToFive(value) : value);
        }

        /** To the nearest 5; halves cannot occur for whole numbers. */
        static long roundToFive(long value) {
            return (value + 2) / 5 * 5;
        }

        Published published() {
            Map<String, Shown> cells = new LinkedHashMap<>();
            for (int i = 0; i < shown.length; i++) {
                cells.put(table.id(i), shown[i]);
            }
            return new Published(cells);
        }

        int programsSolved() {
            return attack.programsSolved();
        }

        /**
         * Hides cells until every suppressed cell is protected. Each cell is checked once: hiding more
         * only loosens what the reader knows, so a cell found protected stays protected, and the cells
         * hidden on the way are checked in their turn. Stops when nothing joined to a cell is left to hide.
         */
        void protectEverySuppressedCell() {
            if (rule.isNhs()) {
                freeEveryStarThatOneRelationGivesAway();
            } else {
                partnerEveryLoneHiddenCell();
            }
            List<Integer> suppressed = new ArrayList<>();
            for (int i = 0; i < shown.length; i++) {
                if (!(shown[i] instanceof Shown.Figure)) {
                    suppressed.add(i);
                }
            }
            attack.probe(suppressed);
            for (int q = 0; q < suppressed.size(); q++) {
                int cell = suppressed.get(q);
                while (!attack.isProtected(cell)) {
                    int[] hidden = attack.hideCheapest(cell, this::mayHide);
                    if (hidden.length == 0 && rule.isNhs()) {
                        // Stars can cap each other (a starred total of starred parts keeps every part
                        // under 7) where no figure can help: hide stars too, as the last resort.
                        hidden = attack.hideCheapest(cell, i -> mayHide(i) || shown[i] instanceof Shown.Small);
                    }
                    if (hidden.length == 0) {
                        int next = nextToHide(cell);
                        if (next < 0) {
                            break;
                        }
                        attack.hide(next);
                        hidden = new int[] {next};
                    }
                    for (int next : hidden) {
                        suppressed.add(next);
                    }
                }
            }
        }

        /**
         * A cheap first pass for a threshold rule, relation by relation, without linear programs. A sum with
         * one hidden member and every other member exact gives that member away; and where the total is
         * exact, its hidden parts share what the published ones leave, so with h hidden parts sharing S
         * each is known to within S − h. A distinct count gives a hidden member away when the range it
         * leaves is too narrow: a hidden part lies between the total less the other parts and the total
         * (so it equals a shown total whose other parts are all 0), a hidden total between its greatest
         * part and the parts added up. Either way, hide one more member of that relation.
         */
        private void partnerEveryLoneHiddenCell() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int r = 0; r < table.relationCount(); r++) {
                    int next = table.isDistinct(r) ? partnerInDistinctCount(r) : sumGivesAway(r) ? choose(new int[] {r}) : -1;
                    if (next >= 0) {
                        hide(next);
                        changed = true;
                    }
                }
            }
        }

        /** For a distinct count that on its own gives a hidden member away, the member to hide next; else -1. */
        private int partnerInDistinctCount(int relation) {
            for (int member : table.members(relation)) {
                if (shown[member] instanceof Shown.Hidden && attack.givesAway(member, relation, -1)) {
                    return partner(member, relation);
                }
            }
            return -1;
        }

        /**
         * The same first pass for the NHS rule: where one relation with its rounded figures already pins a
         * star down, hide a figure of that relation.
         */
        private void freeEveryStarThatOneRelationGivesAway() {
            for (int i = 0; i < shown.length; i++) {
                if (!(shown[i] instanceof Shown.Small)) {
                    continue;
                }
                boolean changed = true;
                while (changed) {
                    changed = false;
                    for (int r : attack.relationsGivingAway(i)) {
                        int next = partner(i, r);
                        if (next >= 0) {
                            hide(next);
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }

        /**
         * The member of a relation to hide so that the relation on its own no longer gives this cell away.
         * For a sum, as {@link #choose}. For a distinct count, the first of its parts (smallest first, ties
         * by id) and then its total whose hiding is enough: the total caps every part, so when the cap is what
         * gives a part away, only hiding the total helps. If no one member is enough, as {@link #choose}.
         */
        private int partner(int cell, int relation) {
            if (table.isDistinct(relation)) {
                int[] members = table.members(relation);
                List<Integer> candidates = new ArrayList<>();
                for (int m = 1; m < members.length; m++) {
                    candidates.add(members[m]);
                }
                candidates.sort(Comparator.comparingLong((Integer i) -> table.value(i)).thenComparing(table::id));
                candidates.add(members[0]);
                for (int candidate : candidates) {
                    if (mayHide(candidate) && !attack.givesAway(cell, relation, candidate)) {
                        return candidate;
                    }
                }
            }
            return choose(new int[] {relation});
        }

        private boolean sumGivesAway(int sum) {
            int[] members = table.members(sum);
            int hidden = 0;
            long shared = table.value(members[0]);
            long widest = 0;
            for (int m = 0; m < members.length; m++) {
                if (shown[members[m]] instanceof Shown.Hidden) {
                    hidden++;
                    widest = Math.max(widest, Protection.width(table, rule, members[m]));
                } else if (m > 0) {
                    shared -= table.value(members[m]);
                }
            }
            if (hidden == 1) {
                return true;
            }
            boolean totalExact = !(shown[members[0]] instanceof Shown.Hidden);
            return hidden > 1 && totalExact && shared - hidden < widest;
        }

        /**
         * The cell to hide next to protect this one. First from the relations it is in, tightest first (the
         * fewest suppressed members: a row of two small cells, not a column of a hundred): the smallest
         * part still published (ties by id), else the total. If those relations have nothing left to hide,
         * the same from the relations of their suppressed members, and so on outwards. -1 when nothing
         * joined is left.
         */
        private int nextToHide(int cell) {
            int[] own = Arrays.stream(table.relationsOf(cell)).boxed()
                    .sorted(Comparator.comparingInt(this::suppressedMembers).thenComparingInt(s -> s))
                    .mapToInt(Integer::intValue).toArray();
            for (int s : own) {
                int next = choose(new int[] {s});
                if (next >= 0) {
                    return next;
                }
            }
            boolean[] relationSeen = new boolean[table.relationCount()];
            boolean[] cellSeen = new boolean[table.size()];
            cellSeen[cell] = true;
            List<Integer> frontier = new ArrayList<>();
            for (int s : own) {
                relationSeen[s] = true;
                frontier.add(s);
            }
            while (!frontier.isEmpty()) {
                List<Integer> further = new ArrayList<>();
                for (int s : frontier) {
                    for (int member : table.members(s)) {
                        if (cellSeen[member]) {
                            continue;
                        }
                        cellSeen[member] = true;
                        for (int t : table.relationsOf(member)) {
                            if (!relationSeen[t]) {
                                relationSeen[t] = true;
                                further.add(t);
                            }
                        }
                    }
                }
                int next = choose(further.stream().mapToInt(Integer::intValue).toArray());
                if (next >= 0) {
                    return next;
                }
                frontier = further;
            }
            return -1;
        }

        private int suppressedMembers(int relation) {
            int count = 0;
            for (int member : table.members(relation)) {
                if (!(shown[member] instanceof Shown.Figure)) {
                    count++;
                }
            }
            return count;
        }

        /** The smallest part of these relations that may still be hidden, else the smallest total; -1 if none. */
        private int choose(int[] relations) {
            int best = -1;
            for (int s : relations) {
                int[] members = table.members(s);
                for (int m = 1; m < members.length; m++) {
                    best = smaller(best, members[m]);
                }
            }
            if (best >= 0) {
                return best;
            }
            for (int s : relations) {
                best = smaller(best, table.members(s)[0]);
            }
            return best;
        }

        private int smaller(int best, int candidate) {
            if (!mayHide(candidate)) {
                return best;
            }
            if (best < 0) {
                return candidate;
            }
            int byValue = Long.compare(table.value(candidate), table.value(best));
            if (byValue != 0) {
                return byValue < 0 ? candidate : best;
            }
            return table.id(candidate).compareTo(table.id(best)) < 0 ? candidate : best;
        }

        /** Facts are never hidden, and a zero has nobody behind it. */
        private boolean mayHide(int i) {
            return shown[i] instanceof Shown.Figure && !table.isFact(i) && table.value(i) > 0;
        }

        private void hide(int i) {
            attack.hide(i);
        }
    }
}
