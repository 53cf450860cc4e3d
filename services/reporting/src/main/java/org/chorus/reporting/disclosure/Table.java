package org.chorus.reporting.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figures to publish and what ties them together, as a reader of the published table knows it: sums, and
 * distinct counts of people. A cell is a figure about people: its value and how many distinct people are
 * behind it. A fact (sessions held, say) is about no one and is always published exactly. Immutable.
 */
public final class Table {

    /** That a total equals the sum of its parts, the way a reader knows it. */
    public record Sum(String total, List<String> parts) {
        public Sum {
            parts = List.copyOf(parts);
        }
    }

    /**
     * That a total counts distinct people over its parts, the way a reader knows it: a quarter's people
     * over its months, say. Someone who came in two months counts once in the quarter, so the total is
     * at least each part and at most the parts added up.
     */
    public record Distinct(String total, List<String> parts) {
        public Distinct {
            parts = List.copyOf(parts);
        }
    }

    private final List<String> ids;
    private final Map<String, Integer> index;
    private final long[] values;
    private final long[] people;
    private final boolean[] facts;
    private final List<Sum> sums;
    private final List<Distinct> distincts;
    /** Per relation (the sums, then the distinct counts): the total's index first, then the parts'. */
    private final int[][] members;
    /** Per cell: the relations it is a member of. */
    private final int[][] relationsOf;
    /** Per cell: the least value the shape of the table alone tells (see {@link #leastFromShape}). */
    private final long[] leastFromShape;

    private Table(Builder b) {
        int n = b.ids.size();
        this.ids = List.copyOf(b.ids);
        this.index = Map.copyOf(b.index);
        this.values = new long[n];
        this.people = new long[n];
        this.facts = new boolean[n];
        for (int i = 0; i < n; i++) {
            values[i] = b.values.get(i);
            people[i] = b.people.get(i);
            facts[i] = b.facts.get(i);
        }
        this.sums = List.copyOf(b.sums);
        this.distincts = List.copyOf(b.distincts);
        this.members = new int[sums.size() + distincts.size()][];
        List<List<Integer>> of = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            of.add(new ArrayList<>());
        }
        for (int r = 0; r < members.length; r++) {
            String total = r < sums.size() ? sums.get(r).total() : distincts.get(r - sums.size()).total();
            List<String> parts = r < sums.size() ? sums.get(r).parts() : distincts.get(r - sums.size()).parts();
            int[] m = new int[parts.size() + 1];
            m[0] = index.get(total);
            for (int p = 0; p < parts.size(); p++) {
                m[p + 1] = index.get(parts.get(p));
            }
            members[r] = m;
            for (int cell : m) {
                of.get(cell).add(r);
            }
        }
        this.relationsOf = new int[n][];
        for (int i = 0; i < n; i++) {
            relationsOf[i] = of.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        this.leastFromShape = new long[n];
        for (int i = 0; i < n; i++) {
            leastFromShape[i] = values[i] == 0 ? 0 : 1;
        }
        // A sum's total is at least its parts' least values added up, a distinct count at least the
        // greatest of them. Each pass can only raise a value up to the cell's true value (by induction over
        // the relations, which the true values keep), so this settles.
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int r = 0; r < members.length; r++) {
                int[] m = members[r];
                long parts = 0;
                for (int p = 1; p < m.length; p++) {
                    parts = isDistinct(r) ? Math.max(parts, leastFromShape[m[p]]) : parts + leastFromShape[m[p]];
                }
                if (parts > leastFromShape[m[0]]) {
                    leastFromShape[m[0]] = parts;
                    changed = true;
                }
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every cell's and fact's id, in the order they were declared. */
    public List<String> ids() {
        return ids;
    }

    /** The sums, in the order they were declared. */
    public List<Sum> sums() {
        return sums;
    }

    /** The distinct counts of people, in the order they were declared. */
    public List<Distinct> distincts() {
        return distincts;
    }

    public long value(String id) {
        return values[indexOf(id)];
    }

    /** How many distinct people are behind a cell; 0 for a fact. */
    public long people(String id) {
        return people[indexOf(id)];
    }

    public boolean isFact(String id) {
        return facts[indexOf(id)];
    }

    int indexOf(String id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("No cell or fact is called " + id);
        }
        return i;
    }

    int size() {
        return ids.size();
    }

    String id(int i) {
        return ids.get(i);
    }

    long value(int i) {
        return values[i];
    }

    long people(int i) {
        return people[i];
    }

    boolean isFact(int i) {
        return facts[i];
    }

    /** A count of people has its value equal to its people; anything else (hours, pence) is a magnitude. */
    boolean isCount(int i) {
        return !facts[i] && values[i] == people[i];
    }

    /**
     * The least value a reader can tell a cell has from the table's shape alone, whatever is hidden: zeros
     * are shown, so every other cell is at least 1, a sum of n cells that are not zero at least n, and a
     * distinct count at least as much as each of its parts.
     */
    long leastFromShape(int i) {
        return leastFromShape[i];
    }

    /** How many relations there are: the sums, numbered first, then the distinct counts. */
    int relationCount() {
        return members.length;
    }

    /** Whether the relation is a distinct count (else a sum). */
    boolean isDistinct(int relation) {
        return relation >= sums.size();
    }

    /** The relation's total's index first, then its parts'. Callers must not change the array. */
    int[] members(int relation) {
        return members[relation];
    }

    /** The relations a cell takes part in, in their order. Callers must not change the array. */
    int[] relationsOf(int cell) {
        return relationsOf[cell];
    }

    /** Collects cells, facts and sums; {@link #build()} checks that they fit together. */
    public static final class Builder {

        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final List<Long> values = new ArrayList<>();
        private final List<Long> people = new ArrayList<>();
        private final List<Boolean> facts = new ArrayList<>();
        private final List<Sum> sums = new ArrayList<>();
        private final List<Distinct> distincts = new ArrayList<>();
        private final List<String> duplicates = new ArrayList<>();

        private Builder() {
        }

        /**
         * A figure about people and how many distinct people are behind it. A count of people has
         * {@code value == people}. Every person behind a figure adds at least 1 to it, so
         * {@code value >= people}, and 0 people means a value of 0 and nothing to protect.
         */
        public Builder cell(String id, long value, long people) {
            if (value < 0 || people < 0) {
                throw new IllegalArgumentException("Cell " + id + " has a negative value or number of people");
            }
            if (people == 0 && value != 0) {
                throw new IllegalArgumentException("Cell " + id + " has a value of " + value + " but nobody behind it");
            }
            if (value < people) {
                throw new IllegalArgumentException("Cell " + id + " has " + people + " people behind a value of " + value
                        + "; count only the people who add at least 1 to it");
            }
            return add(id, value, people, false);
        }

        /** A figure about no one (sessions held, say): never hidden, always published exactly; it may take part in sums. */
        public Builder fact(String id, long value) {
            if (value < 0) {
                throw new IllegalArgumentException("Fact " + id + " is negative");
            }
            return add(id, value, 0, true);
        }

        /** The total (a cell or fact of this table) equals the sum of the parts. */
        public Builder sum(String total, List<String> parts) {
            sums.add(new Sum(total, parts));
            return this;
        }

        /**
         * The total counts distinct people over the parts: every part ≤ total ≤ Σ parts. Use it where
         * someone in two parts counts once in the total, as a quarter's people over its months.
         */
        public Builder distinct(String total, List<String> parts) {
            distincts.add(new Distinct(total, parts));
            return this;
        }

        private Builder add(String id, long value, long people, boolean fact) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("A cell or fact needs an id");
            }
            if (index.containsKey(id)) {
                duplicates.add(id);
                return this;
            }
            index.put(id, ids.size());
            ids.add(id);
            values.add(value);
            this.people.add(people);
            facts.add(fact);
            return this;
        }

        /**
         * The table; IllegalArgumentException naming the first problem: a duplicate or unknown id, a sum
         * that does not add up, or a distinct count outside what its parts allow.
         */
        public Table build() {
            if (!duplicates.isEmpty()) {
                throw new IllegalArgumentException("Two cells or facts are called " + duplicates.getFirst());
            }
            for (Sum sum : sums) {
                String name = "the sum " + sum.total() + " = " + String.join(" + ", sum.parts());
                long[] parts = partsOf("sum", name, sum.total(), sum.parts());
                long added = added(parts);
                if (added != valueOf(sum.total(), name)) {
                    throw new IllegalArgumentException(capitalised(name) + " does not add up: the parts make " + added
                            + ", the total is " + valueOf(sum.total(), name));
                }
            }
            for (Distinct distinct : distincts) {
                String name = "the distinct count " + distinct.total() + " over " + String.join(", ", distinct.parts());
                long[] parts = partsOf("distinct count", name, distinct.total(), distinct.parts());
                long total = valueOf(distinct.total(), name);
                for (int p = 0; p < parts.length; p++) {
                    if (parts[p] > total) {
                        throw new IllegalArgumentException(capitalised(name) + " does not fit: " + distinct.parts().get(p)
                                + " is " + parts[p] + ", more than the total of " + total);
                    }
                }
                if (added(parts) < total) {
                    throw new IllegalArgumentException(capitalised(name) + " does not fit: the parts make " + added(parts)
                            + " together, fewer than the total of " + total);
                }
            }
            return new Table(this);
        }

        /** The parts' values, once the total and parts are known ids and no part is named twice. */
        private long[] partsOf(String kind, String name, String total, List<String> parts) {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("The " + kind + " for " + total + " has no parts");
            }
            valueOf(total, name);
            Set<String> seen = new HashSet<>();
            long[] values = new long[parts.size()];
            for (int p = 0; p < parts.size(); p++) {
                String part = parts.get(p);
                if (part.equals(total) || !seen.add(part)) {
                    throw new IllegalArgumentException("In " + name + ", " + part + " appears twice");
                }
                values[p] = valueOf(part, name);
            }
            return values;
        }

        private static long added(long[] parts) {
            long added = 0;
            for (long part : parts) {
                added = Math.addExact(added, part);
            }
            return added;
        }

        private static String capitalised(String name) {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }

        private long valueOf(String id, String relation) {
            Integer i = index.get(id);
            if (i == null) {
                throw new IllegalArgumentException(
                        capitalised(relation) + " names " + id + ", which is no cell or fact of this table");
            }
            return values.get(i);
        }
    }
}
