package org.chorus.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ProblemTest {

    @Test
    void aProblemTheGatewayMakesCarriesADeclaredReasonOrNone() {
        assertThat(Problem.of(413, "Request too large", "Send less at a time.", "BODY_TOO_LARGE").type())
                .isEqualTo("https://chorus.example/problems/body-too-large");
        assertThat(Problem.of(500, "Something went wrong", "Try again later.", null).type()).isEqualTo("about:blank");
    }

    @Test
    void aProblemTheGatewayMakesRefusesAReasonTheContractDoesNotDeclare() {
        assertThatThrownBy(() -> Problem.of(413, "Request too large", "Send less at a time.", "BODY_TOO_BIG"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BODY_TOO_BIG");
        assertThatThrownBy(() -> Problems.badRequest("INVALID_WIDGET", "Fix it.", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Problem.of(400, "Request not valid", "Fix it.", "ERROR_REASON_UNSPECIFIED"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBackendsReasonIsKeptAsItCame() {
        Problem fromBackend = new Problem(409, "Already exists", "It exists.", "SOMETHING_A_SERVICE_SAID", List.of(),
                new HttpHeaders());

        assertThat(fromBackend.reason()).isEqualTo("SOMETHING_A_SERVICE_SAID");
        assertThat(fromBackend.withHeader(HttpHeaders.RETRY_AFTER, "1").reason()).isEqualTo("SOMETHING_A_SERVICE_SAID");
    }
}
