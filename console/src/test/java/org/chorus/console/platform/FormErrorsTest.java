package org.chorus.console.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormErrorsTest {

    private static final Map<String, String> FIELDS = Map.of(
            "session.title", "title",
            "session.location", "place",
            "session.location.online_link", "onlineLink");

    @Test
    void eachViolationGoesNextToItsField() {
        FormErrors errors = FormErrors.from(refusal(Code.INVALID_ARGUMENT,
                violation("session.title", "Give the session a name."),
                violation("session.location.online_link", "The link must start with https://.")), FIELDS, "title").orElseThrow();

        assertThat(errors.get("title")).isEqualTo("Give the session a name.");
        assertThat(errors.get("onlineLink")).as("the longest matching path wins").isEqualTo("The link must start with https://.");
        assertThat(errors.getSummary()).extracting(FormErrors.Entry::field).containsExactly("title", "onlineLink");
    }

    @Test
    void aViolationOfNoFormFieldStillReachesTheSummary() {
        FormErrors errors = FormErrors.from(refusal(Code.INVALID_ARGUMENT, violation("session.notes", "Too long.")), FIELDS, "title")
                .orElseThrow();

        assertThat(errors.getSummary()).containsExactly(new FormErrors.Entry("title", "Too long."));
    }

    @Test
    void aPathIsMatchedByWholePartsOnly() {
        assertThat(FormErrors.formField("session.titles", FIELDS)).isEmpty();
        assertThat(FormErrors.formField("session.location.place", FIELDS)).contains("place");
    }

    @Test
    void otherRefusalsAreNotFormErrors() {
        assertThat(FormErrors.from(refusal(Code.FAILED_PRECONDITION, violation("session.title", "x")), FIELDS, "title")).isEmpty();
        assertThat(FormErrors.from(refusal(Code.INVALID_ARGUMENT), FIELDS, "title")).as("no field violations").isEmpty();
    }

    private static BadRequest.FieldViolation violation(String field, String description) {
        return BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build();
    }

    private static StatusRuntimeException refusal(Code code, BadRequest.FieldViolation... violations) {
        Status.Builder status = Status.newBuilder().setCode(code.getNumber()).setMessage("Refused.")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("INVALID_FIELD").setDomain("chorus.org").build()));
        if (violations.length > 0) {
            status.addDetails(Any.pack(BadRequest.newBuilder().addAllFieldViolations(List.of(violations)).build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
