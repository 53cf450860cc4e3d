package org.chorus.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.chorus.platform.v1.ErrorReason;
import org.junit.jupiter.api.Test;

class ChorusExceptionTest {

    @Test
    void aReasonTheContractDeclaresIsKept() {
        assertThat(ChorusException.notFound("COMMISSION_NOT_FOUND", "x").reason()).isEqualTo("COMMISSION_NOT_FOUND");
        assertThat(ChorusException.aborted(ErrorReason.STALE_ETAG.name(), "x").reason()).isEqualTo("STALE_ETAG");
    }

    @Test
    void aReasonTheContractDoesNotDeclareIsRefusedWhateverTheKind() {
        assertThatThrownBy(() -> ChorusException.notFound("NO_SUCH_WIDGET", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NO_SUCH_WIDGET")
                .hasMessageContaining("error_reason.proto");
        assertThatThrownBy(() -> ChorusException.invalid("INVALID_WIDGET", "widget", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChorusException.invalid("INVALID_WIDGET", "x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChorusException.permissionDenied("NOT_YOURS", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        Violations violations = new Violations();
        violations.check(false, "widget", "Please give a widget.");
        assertThatThrownBy(() -> violations.throwIfAny("INVALID_WIDGET", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theZeroValueAndProtobufsPlaceholderAreNotReasons() {
        assertThatThrownBy(() -> ChorusException.notFound("ERROR_REASON_UNSPECIFIED", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChorusException.notFound("UNRECOGNIZED", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReasonIsCaseSensitiveAndRequired() {
        assertThatThrownBy(() -> ChorusException.notFound("commission_not_found", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChorusException.notFound(null, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
