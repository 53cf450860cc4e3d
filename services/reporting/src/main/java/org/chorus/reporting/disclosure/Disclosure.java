package org.chorus.reporting.disclosure;
import java.util.*;
public final class Disclosure {
    private final Rule rule;
    public Disclosure(Rule rule) { this.rule = rule; }
    public Published publish(Table table) {
        Map<String, Shown> m = new HashMap<>();
        table.cells.forEach((id, v) -> m.put(id, v[1] > 0 && v[1] < rule.threshold() ? new Shown.Hidden() : new Shown.Figure(v[0])));
        return new Published(m);
    }
}
