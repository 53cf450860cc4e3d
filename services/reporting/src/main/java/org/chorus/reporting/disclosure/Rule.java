package org.chorus.reporting.disclosure;
public record Rule(int threshold, boolean isNhs) {
    public static Rule threshold(int k) { return new Rule(k, false); }
    public static Rule nhs() { return new Rule(8, true); }
}
