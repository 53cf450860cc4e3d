package org.chorus.console.claims;

import org.chorus.payments.v1.Claim;

/**
 * Where a claim is, in plain words for the member. The contract gives its own plain reason
 * ({@code Claim.state_reason}); these words are for when it gives none, one for each state as
 * {@code claim.proto} describes it. The words themselves are in {@code messages.properties}.
 */
public final class ClaimStates {

    private ClaimStates() {
    }

    /** The message key of the plain words for {@code state}. */
    public static String messageKey(Claim.State state) {
        return switch (state) {
            case SUBMITTED -> "claim.state.submitted";
            case APPROVED -> "claim.state.approved";
            case PAID -> "claim.state.paid";
            case WITHDRAWN -> "claim.state.withdrawn";
            case WAITING_FOR_A_CHOICE -> "claim.state.waitingForAChoice";
            case REJECTED -> "claim.state.rejected";
            case REVERSED -> "claim.state.reversed";
            case STATE_UNSPECIFIED, UNRECOGNIZED -> "claim.state.unknown";
        };
    }

    /** The short tag shown beside a claim, as a message key. */
    public static String tagKey(Claim.State state) {
        return messageKey(state) + ".tag";
    }

    /** The GOV.UK tag colour for the state: green when done, red when refused, grey when taken back. */
    public static String tagColour(Claim.State state) {
        return switch (state) {
            case PAID -> "govuk-tag--green";
            case APPROVED -> "govuk-tag--turquoise";
            case REJECTED -> "govuk-tag--red";
            case WITHDRAWN, REVERSED -> "govuk-tag--grey";
            case WAITING_FOR_A_CHOICE -> "govuk-tag--yellow";
            case SUBMITTED -> "govuk-tag--blue";
            case STATE_UNSPECIFIED, UNRECOGNIZED -> "govuk-tag--grey";
        };
    }
}
