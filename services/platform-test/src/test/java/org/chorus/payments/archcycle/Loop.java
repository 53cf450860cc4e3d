package org.chorus.payments.archcycle;

/** One half of a package cycle: it uses the fixture's package, which uses it back. */
public record Loop(org.chorus.payments.archfixture.LoopBack back) {
}
