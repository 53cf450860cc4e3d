package org.chorus.payments.guidance;

import java.util.List;

/**
 * What a plan could do to one benefit.
 *
 * @param estimatedReduction the estimated total loss over the plan; zero unless {@code effect} is GOES_DOWN
 * @param notices            what the person reads about it, in order
 */
public record BenefitGuidance(BenefitKind benefit, Effect effect, Money estimatedReduction, List<Headroom> headroom,
                              List<CliffEdge> cliffEdges, List<Notice> notices) {

    public enum Effect {
        /** Within every limit. */
        NO_CHANGE,
        /** Reduced by a taper; {@code estimatedReduction} says by about how much. */
        GOES_DOWN,
        /** Over a cliff edge: the benefit could stop for a week or more. */
        COULD_STOP,
        /** Not means-tested: pay does not change it. */
        NOT_MEANS_TESTED,
        /** We do not have the rule: ask an adviser. */
        UNKNOWN
    }

    public BenefitGuidance {
        headroom = List.copyOf(headroom);
        cliffEdges = List.copyOf(cliffEdges);
        notices = List.copyOf(notices);
    }
}
