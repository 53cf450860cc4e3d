package org.chorus.reporting.disclosure;
public record Rule(int threshold, boolean nhs) {
    public static Rule threshold(int k) { return new Rule(k, false); }
    public static Rule nhsRule() { return new Rule(8, true); }
}
