package org.chorus.payments.archfixture;

/** The other half of a package cycle. */
public record LoopBack(org.chorus.payments.archcycle.Loop loop) {
}
