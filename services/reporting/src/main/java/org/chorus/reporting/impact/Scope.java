package org.chorus.reporting.impact;

/** What a report covers: one commission, or the whole network ({@code commission} null). */
public record Scope(String commission) {

    public static final Scope NETWORK = new Scope(null);

    public boolean isNetwork() {
        return commission == null;
    }

    /** The impact's resource name: {@code commissions/{c}/impact} or {@code network/impact}. */
    public String impactName() {
        return isNetwork() ? "network/impact" : "commissions/" + commission + "/impact";
    }

    /** A short name for files: the commission's id, or {@code network}. */
    public String label() {
        return isNetwork() ? "network" : commission;
    }
}
