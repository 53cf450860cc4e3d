package org.chorus.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {

    private final GrpcErrors errors = new GrpcErrors();

    @Test
    void invalidInputCarriesOneErrorInfoAndEveryFieldViolation() throws Exception {
        StatusException status = errors.handleException(ChorusException.invalid("INVALID_COMMISSION",
                "Some details of the new commission need fixing.",
                List.of(new FieldViolation("commission_id", "Please give an id."),
                        new FieldViolation("commission.display_name", "Please give a name."))));

        com.google.rpc.Status rpc = StatusProto.fromThrowable(status);
        assertThat(rpc.getCode()).isEqualTo(Code.INVALID_ARGUMENT.getNumber());
        assertThat(rpc.getMessage()).isEqualTo("Some details of the new commission need fixing.");
        assertThat(rpc.getDetailsList()).hasSize(2);
        ErrorInfo info = rpc.getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("INVALID_COMMISSION");
        assertThat(info.getDomain()).isEqualTo("chorus.org");
        assertThat(rpc.getDetails(1).unpack(BadRequest.class).getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField)
                .containsExactly("commission_id", "commission.display_name");
    }

    @Test
    void eachKindHasItsOwnCode() {
        assertThat(code(ChorusException.notFound("COMMISSION_NOT_FOUND", "m"))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(ChorusException.alreadyExists("COMMISSION_EXISTS", "m"))).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(code(ChorusException.aborted("STALE_ETAG", "m"))).isEqualTo(Status.Code.ABORTED);
        assertThat(code(ChorusException.failedPrecondition("PHASES_FIXED", "m"))).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(code(ChorusException.permissionDenied("NOT_ALLOWED", "m"))).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void anUnexpectedFailureBecomesInternalWithoutItsInternals() {
        StatusException status = errors.handleException(new IllegalStateException("connection to 10.0.0.5 refused"));

        com.google.rpc.Status rpc = StatusProto.fromThrowable(status);
        assertThat(rpc.getCode()).isEqualTo(Code.INTERNAL.getNumber());
        assertThat(rpc.getMessage()).startsWith("Something went wrong on our side.").doesNotContain("10.0.0.5");
    }

    @Test
    void statusesThrownByHandPassThrough() {
        StatusException status = errors.handleException(Status.UNAVAILABLE.withDescription("later").asRuntimeException());
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getStatus().getDescription()).isEqualTo("later");
    }

    private Status.Code code(ChorusException e) {
        return errors.handleException(e).getStatus().getCode();
    }

    @Test
    void hundredsOfViolationsAreCutToWhatATrailerCarriesAndSaySoAtTheEnd() {
        List<FieldViolation> many = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> new FieldViolation("situation.benefits[" + i + "].kind", "Please choose which benefit this is."))
                .toList();
        BadRequest cut = GrpcErrors.badRequest(many);

        assertThat(cut.getSerializedSize()).isLessThanOrEqualTo(GrpcErrors.MAX_DETAILS_BYTES + 200);
        assertThat(cut.getFieldViolationsCount()).isBetween(10, 299);
        assertThat(cut.getFieldViolations(0).getField()).isEqualTo("situation.benefits[0].kind");
        assertThat(cut.getFieldViolations(cut.getFieldViolationsCount() - 1).getDescription())
                .startsWith("There are " + (300 - cut.getFieldViolationsCount() + 1) + " more problems");
        assertThat(GrpcErrors.badRequest(many.subList(0, 3)).getFieldViolationsCount()).isEqualTo(3);
    }
}
