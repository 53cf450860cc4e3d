package org.chorus.commissions.archfixture;

/** A class of another service, which payments' fixture must not use. */
public record CommissionsThing(String id) {
}
