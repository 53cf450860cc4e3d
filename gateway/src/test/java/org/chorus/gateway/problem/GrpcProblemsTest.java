package org.chorus.gateway.problem;

import java.time.Duration;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcProblemsTest {

    @ParameterizedTest
    @CsvSource({
            "INVALID_ARGUMENT, 400", "FAILED_PRECONDITION, 400", "OUT_OF_RANGE, 400", "UNAUTHENTICATED, 401",
            "PERMISSION_DENIED, 403", "NOT_FOUND, 404", "ALREADY_EXISTS, 409", "ABORTED, 409",
            "RESOURCE_EXHAUSTED, 429", "CANCELLED, 499", "UNIMPLEMENTED, 501", "UNAVAILABLE, 503",
            "DEADLINE_EXCEEDED, 504", "UNKNOWN, 500", "INTERNAL, 500", "DATA_LOSS, 500"})
    void grpcCodesMapToTheHttpStatusOfGoogleRpcCode(Status.Code code, int httpStatus) {
        assertThat(GrpcProblems.httpStatus(code)).isEqualTo(httpStatus);
    }

    @Test
    void aRichStatusGivesReasonTypeDetailAndFieldViolations() {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("The display name is too long. Use at most 120 characters.")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("DISPLAY_NAME_TOO_LONG").setDomain("chorus.org").build()))
                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField("commission.display_name").setDescription("At most 120 characters.")).build()))
                .build();

        Problem problem = GrpcProblems.toProblem(StatusProto.toStatusRuntimeException(status), "commissions", Duration.ofSeconds(2));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo("https://chorus.example/problems/display-name-too-long");
        assertThat(problem.reason()).isEqualTo("DISPLAY_NAME_TOO_LONG");
        assertThat(problem.detail()).isEqualTo("The display name is too long. Use at most 120 characters.");
        assertThat(problem.fieldViolations())
                .containsExactly(new Problem.FieldViolation("commission.display_name", "At most 120 characters."));
    }

    @Test
    void aTransportFailureNeverShowsItsInternalMessage() {
        Problem problem = GrpcProblems.toProblem(
                Status.UNAVAILABLE.withDescription("io exception: Connection refused: /127.0.0.1:9092").asRuntimeException(),
                "membership", Duration.ofSeconds(2));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).doesNotContain("127.0.0.1", "exception");
        assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        // The gateway's own reason for a transport failure, so clients can tell it from a service's answer.
        assertThat(problem.reason()).isEqualTo("BACKEND_UNAVAILABLE");
        assertThat(problem.type()).isEqualTo("https://chorus.example/problems/backend-unavailable");
    }

    @Test
    void retryInfoFromTheServiceSetsRetryAfter() {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("Too many claims at once. Wait a minute and try again.")
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(60)).build()))
                .build();

        Problem problem = GrpcProblems.toProblem(StatusProto.toStatusRuntimeException(status), "payments", Duration.ofSeconds(2));

        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
    }

    @Test
    void theProblemJsonHasTheAgreedMembers() {
        Problem problem = Problem.of(404, "Not found", "There is no commission called commissions/x.", "COMMISSION_NOT_FOUND");

        assertThat(ProblemWriter.toJson(problem, "req-12345678")).isEqualTo(
                "{\"type\":\"https://chorus.example/problems/commission-not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"There is no commission called commissions/x.\",\"reason\":\"COMMISSION_NOT_FOUND\","
                        + "\"requestId\":\"req-12345678\"}");
    }
}
