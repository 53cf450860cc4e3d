package org.chorus.console.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import org.chorus.payments.v1.Claim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClaimStatesTest {

    private static final Properties MESSAGES = new Properties();

    @BeforeAll
    static void readMessages() throws IOException {
        try (InputStream in = ClaimStatesTest.class.getResourceAsStream("/messages.properties")) {
            MESSAGES.load(in);
        }
    }

    @Test
    void everyStateOfTheContractHasItsOwnPlainWordsAndTag() {
        Claim.State[] states = Arrays.stream(Claim.State.values())
                .filter(s -> s != Claim.State.UNRECOGNIZED && s != Claim.State.STATE_UNSPECIFIED)
                .toArray(Claim.State[]::new);
        for (Claim.State state : states) {
            assertThat(MESSAGES.getProperty(ClaimStates.messageKey(state))).as("words for %s", state).isNotBlank();
            assertThat(MESSAGES.getProperty(ClaimStates.tagKey(state))).as("tag for %s", state).isNotBlank();
            assertThat(ClaimStates.messageKey(state)).as("%s is not shown as unknown", state).isNotEqualTo("claim.state.unknown");
        }
        assertThat(Arrays.stream(states).map(ClaimStates::messageKey).distinct()).hasSize(states.length);
    }

    @Test
    void theWordsSayWhatTheMemberCanExpect() {
        assertThat(MESSAGES.getProperty(ClaimStates.messageKey(Claim.State.WAITING_FOR_A_CHOICE))).contains("how you want to be paid");
        assertThat(MESSAGES.getProperty(ClaimStates.messageKey(Claim.State.SUBMITTED))).contains("two people");
        assertThat(MESSAGES.getProperty(ClaimStates.messageKey(Claim.State.PAID))).isEqualTo("Paid.");
    }

    @Test
    void anUnknownStateIsSaidPlainlyToo() {
        assertThat(ClaimStates.messageKey(Claim.State.UNRECOGNIZED)).isEqualTo("claim.state.unknown");
        assertThat(MESSAGES.getProperty("claim.state.unknown")).isNotBlank();
    }

    @Test
    void refusedClaimsAreRedAndPaidOnesGreen() {
        assertThat(ClaimStates.tagColour(Claim.State.REJECTED)).isEqualTo("govuk-tag--red");
        assertThat(ClaimStates.tagColour(Claim.State.PAID)).isEqualTo("govuk-tag--green");
    }
}
