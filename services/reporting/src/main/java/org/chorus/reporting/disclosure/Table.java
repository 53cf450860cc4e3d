package org.chorus.reporting.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figures to publish and the sums that tie them together, as a reader of the published table knows
 * them. A cell is a figure about people: its value and how many distinct people are behind it. A fact
 * (sessions held, say) is about no one and is always published exactly. Immutable.
 */
public final class Table {

    /** That a total equals the sum of its parts, the way a reader knows it. */
    public record Sum(String total, List<String> parts) {
        public Sum {
            parts = List.copyOf(parts);
        }
    }

    private final List<String> ids;
    private final Map<String, Integer> index;
    private final long[] values;
    private final long[] people;
    private final boolean[] facts;
    private final List<Sum> sums;
    /** Per sum: the total's index first, then the parts'. */
    private final int[][] members;
    /** Per cell: the sums it is a member of. */
    private final int[][] sumsOf;
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
        this.members = new int[sums.size()][];
        List<List<Integer>> of = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            of.add(new ArrayList<>());
        }
        for (int s = 0; s < sums.size(); s++) {
            Sum sum = sums.get(s);
            int[] m = new int[sum.parts().size() + 1];
            m[0] = index.get(sum.total());
            for (int p = 0; p < sum.parts().size(); p++) {
                m[p + 1] = index.get(sum.parts().get(p));
            }
            members[s] = m;
            for (int cell : m) {
                of.get(cell).add(s);
            }
        }
        this.sumsOf = new int[n][];
        for (int i = 0; i < n; i++) {
            sumsOf[i] = of.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        this.leastFromShape = new long[n];
        for (int i = 0; i < n; i++) {
            leastFromShape[i] = values[i] == 0 ? 0 : 1;
        }
        // A total is at least the sum of its parts' least values. Each pass can only raise a value up to
        // the cell's true value (by induction over the sums, which add up), so this settles.
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int[] m : members) {
                long parts = 0;
                for (int p = 1; p < m.length; p++) {
                    parts += leastFromShape[m[p]];
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

    public List<Sum> sums() {
        return sums;
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
     * are shown, so every other cell is at least 1, and a total of n cells that are not zero at least n.
     */
    long leastFromShape(int i) {
        return leastFromShape[i];
    }

    int sumCount() {
        return members.length;
    }

    /** The sum's total's index first, then its parts'. Callers must not change the array. */
    int[] members(int sum) {
        return members[sum];
    }

    /** The sums a cell takes part in. Callers must not change the array. */
    int[] sumsOf(int cell) {
        return sumsOf[cell];
    }

    /** Collects cells, facts and sums; {@link #build()} checks that they fit together. */
    public static final class Builder {

        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final List<Long> values = new ArrayList<>();
        private final List<Long> people = new ArrayList<>();
        private final List<Boolean> facts = new ArrayList<>();
        private final List<Sum> sums = new ArrayList<>();
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

        /** The table; IllegalArgumentException naming the first problem: a duplicate or unknown id, or a sum that does not add up. */
        public Table build() {
            if (!duplicates.isEmpty()) {
                throw new IllegalArgumentException("Two cells or facts are called " + duplicates.getFirst());
            }
            for (Sum sum : sums) {
                check(sum);
            }
            return new Table(this);
        }

        private void check(Sum sum) {
            String name = sum.total() + " = " + String.join(" + ", sum.parts());
            if (sum.parts().isEmpty()) {
                throw new IllegalArgumentException("The sum for " + sum.total() + " has no parts");
            }
            long total = valueOf(sum.total(), name);
            Set<String> seen = new HashSet<>();
            long added = 0;
            for (String part : sum.parts()) {
                if (part.equals(sum.total()) || !seen.add(part)) {
                    throw new IllegalArgumentException("In " + name + ", " + part + " appears twice");
                }
                added = Math.addExact(added, valueOf(part, name));
            }
            if (added != total) {
                throw new IllegalArgumentException("The sum " + name + " does not add up: the parts make " + added
                        + ", the total is " + total);
            }
        }

        private long valueOf(String id, String sum) {
            Integer i = index.get(id);
            if (i == null) {
                throw new IllegalArgumentException("The sum " + sum + " names " + id + ", which is no cell or fact of this table");
            }
            return values.get(i);
        }
    }
}
