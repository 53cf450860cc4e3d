package org.chorus.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.gateway.grpc.GrpcDoor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The gateway's gRPC door as a gRPC client sees it: generated stubs against the door's port, forwarded to an
 * in-test commissions service; real RS256 tokens from an in-test issuer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayGrpcDoorTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final AtomicReference<Metadata> lastHeaders = new AtomicReference<>();

    private static final TestIssuer issuer = TestIssuer.start();
    private static final FakeCommissionEventsService events = new FakeCommissionEventsService();
    private static final FakeCommissionsService registry = new FakeCommissionsService();
    private static final Server commissions = start();

    @Autowired
    GrpcDoor door;

    @LocalServerPort
    int httpPort;

    ManagedChannel channel;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        properties.add("chorus.gateway.backends.commissions", () -> "127.0.0.1:" + commissions.getPort());
        properties.add("chorus.gateway.default-timeout", () -> "1s");
        properties.add("chorus.gateway.rate-limits.per-caller", () -> "1000");
        properties.add("chorus.gateway.rate-limits.per-commission", () -> "3");
        properties.add("chorus.gateway.rate-limits.window", () -> "1h");
    }

    private static Server start() {
        ServerInterceptor captureHeaders = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                lastHeaders.set(headers);
                return next.startCall(call, headers);
            }
        };
        try {
            return Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(ServerInterceptors.intercept(events, captureHeaders))
                    .addService(ServerInterceptors.intercept(registry, captureHeaders))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        commissions.shutdownNow();
        issuer.close();
    }

    @BeforeEach
    void channel() {
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", door.port(), InsecureChannelCredentials.create()).build();
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        channel.shutdownNow();
    }

    private CommissionsServiceGrpc.CommissionsServiceBlockingStub commissionsAs(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(AUTHORIZATION, "Bearer " + token);
        }
        return CommissionsServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private CommissionEventsServiceGrpc.CommissionEventsServiceBlockingStub eventsAs(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return CommissionEventsServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static String reasonOf(StatusRuntimeException error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertThat(status).as("a google.rpc.Status with details").isNotNull();
        return status.getDetailsList().stream().filter(any -> any.is(ErrorInfo.class)).findFirst()
                .map(any -> {
                    try {
                        ErrorInfo info = any.unpack(ErrorInfo.class);
                        assertThat(info.getDomain()).isEqualTo("chorus.org");
                        return info.getReason();
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                }).orElseThrow();
    }

    @Test
    void aUnaryCallReachesTheServiceWithTheCallersTokenARequestIdAndTraceContext() {
        String token = issuer.validToken();
        Commission created = commissionsAs(token).createCommission(CreateCommissionRequest.newBuilder()
                .setCommissionId("york").setCommission(Commission.newBuilder().setDisplayName("York Poverty Truth Commission")).build());
        assertThat(created.getName()).isEqualTo("commissions/york");
        assertThat(created.getState()).isEqualTo(Commission.State.ACTIVE);

        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        headers.put(REQUEST_ID, "grpc-door-req-1");
        headers.put(TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        Commission read = CommissionsServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/york").build());
        assertThat(read.getDisplayName()).isEqualTo("York Poverty Truth Commission");
        Metadata arrived = lastHeaders.get();
        assertThat(arrived.get(AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(arrived.get(REQUEST_ID)).isEqualTo("grpc-door-req-1");
        assertThat(arrived.get(TRACEPARENT)).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void aCallWithoutATokenIsUnauthenticatedInTheServicesErrorLanguage() {
        int before = events.calls.get();
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(null)
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/york").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(error.getStatus().getDescription()).isEqualTo("Please sign in: this call needs an access token.");
        assertThat(reasonOf(error)).isEqualTo("SIGN_IN_NEEDED");
        assertThat(error.getTrailers().get(REQUEST_ID)).isNotBlank();

        StatusRuntimeException forged = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(
                issuer.token("http://elsewhere.example/realms/chorus", List.of("chorus"), java.time.Instant.now().plusSeconds(300)))
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/york").build()));
        assertThat(forged.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(reasonOf(forged)).isEqualTo("INVALID_TOKEN");

        StatusRuntimeException garbage = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs("not-a-token")
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/york").build()));
        assertThat(reasonOf(garbage)).isEqualTo("INVALID_TOKEN");
        assertThat(events.calls.get()).isEqualTo(before);
    }

    @Test
    void theCommissionGuardReadsTheResourceNameFromTheRequest() {
        String leedsMember = issuer.tokenWithGroups("/commissions/leeds/member");
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(leedsMember)
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/bradford").build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reasonOf(refused)).isEqualTo("NOT_ALLOWED");

        int before = events.calls.get();
        StatusRuntimeException streamRefused = catchThrowableOfType(StatusRuntimeException.class, () -> eventsAs(leedsMember)
                .watchEvents(WatchEventsRequest.newBuilder().setParent("commissions/salford").build()).hasNext());
        assertThat(streamRefused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(events.calls.get()).isEqualTo(before);

        // Their own commission passes the guard and reaches the service (which has no such commission here).
        StatusRuntimeException own = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(leedsMember)
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/leeds").build()));
        assertThat(own.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aServicesErrorPassesThroughWithItsDetails() {
        String token = issuer.validToken();
        StatusRuntimeException notFound = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(token)
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/atlantis").build()));
        assertThat(notFound.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(notFound.getStatus().getDescription()).isEqualTo("There is no commission called commissions/atlantis.");
        assertThat(reasonOf(notFound)).isEqualTo("COMMISSION_NOT_FOUND");

        StatusRuntimeException invalid = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(token)
                .createCommission(CreateCommissionRequest.newBuilder().build()));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        BadRequest badRequest = StatusProto.fromThrowable(invalid).getDetailsList().stream()
                .filter(any -> any.is(BadRequest.class)).findFirst()
                .map(any -> {
                    try {
                        return any.unpack(BadRequest.class);
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                }).orElseThrow();
        assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("commission_id");
    }

    @Test
    void aServerStreamIsProxiedMessageByMessageAndItsErrorArrivesAtTheEnd() {
        String token = issuer.validToken();
        List<Long> sequences = new ArrayList<>();
        eventsAs(token).watchEvents(WatchEventsRequest.newBuilder().setParent("commissions/leeds").build())
                .forEachRemaining(event -> sequences.add(event.getSequence()));
        assertThat(sequences).containsExactly(1L, 2L, 3L);

        List<CommissionEvent> received = new ArrayList<>();
        Iterator<CommissionEvent> broken = eventsAs(token).watchEvents(WatchEventsRequest.newBuilder().setParent("commissions/broken").build());
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> broken.forEachRemaining(received::add));
        assertThat(received).extracting(CommissionEvent::getSequence).containsExactly(1L, 2L);
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(reasonOf(error)).isEqualTo("FEED_CHANGED");
    }

    @Test
    void aClientThatCancelsAStreamCancelsTheCallToTheService() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        events.endlessCancelled = cancelled;
        Context.CancellableContext context = Context.current().withCancellation();
        try {
            Iterator<CommissionEvent> endless = context.call(() -> eventsAs(issuer.validToken())
                    .watchEvents(WatchEventsRequest.newBuilder().setParent("commissions/endless").build()));
            assertThat(endless.next().getSequence()).isEqualTo(1L);
            assertThat(endless.next().getSequence()).isEqualTo(2L);
        } finally {
            context.cancel(null);
        }
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the service saw the call cancelled").isTrue();
    }

    @Test
    void theClientsDeadlineIsKeptAndWithoutOneTheRoutesLimitApplies() {
        String token = issuer.validToken();
        long start = System.nanoTime();
        StatusRuntimeException own = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(token)
                .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                .getCommission(GetCommissionRequest.newBuilder().setName(FakeCommissionsService.SLOW).build()));
        assertThat(own.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));

        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        start = System.nanoTime();
        StatusRuntimeException routes = catchThrowableOfType(StatusRuntimeException.class, () -> CommissionsServiceGrpc
                .newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .getCommission(GetCommissionRequest.newBuilder().setName(FakeCommissionsService.SLOW).build()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(routes.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(reasonOf(routes)).isEqualTo("BACKEND_TIMEOUT");
        assertThat(routes.getStatus().getDescription()).isEqualTo("The commissions service took too long to answer. Try again in a moment.");
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(FakeCommissionsService.SLOW_MILLIS - 500));
    }

    @Test
    void theCommissionsRateLimitAppliesAtTheGrpcDoorToo() {
        String token = issuer.validToken();
        GetCommissionRequest request = GetCommissionRequest.newBuilder().setName("commissions/busy").build();
        for (int i = 0; i < 3; i++) {
            StatusRuntimeException notFound = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(token).getCommission(request));
            assertThat(notFound.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
        StatusRuntimeException limited = catchThrowableOfType(StatusRuntimeException.class, () -> commissionsAs(token).getCommission(request));
        assertThat(limited.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(reasonOf(limited)).isEqualTo("RATE_LIMITED");
        assertThat(limited.getStatus().getDescription()).contains("for this commission");
        assertThat(StatusProto.fromThrowable(limited).getDetailsList()).anyMatch(any -> any.is(RetryInfo.class));
    }

    @Test
    void aMethodOutsideTheContractIsUnimplemented() {
        MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        MethodDescriptor<byte[], byte[]> unknown = MethodDescriptor.newBuilder(bytes, bytes)
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("chorus.nowhere.v1.NoService/Nothing")
                .build();
        ClientCall<byte[], byte[]> call = channel.newCall(unknown, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(call, new byte[0]));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    void callsThroughTheGrpcDoorAreCountedByMethodCodeAndBackend() {
        String token = issuer.validToken();
        commissionsAs(token).createCommission(CreateCommissionRequest.newBuilder()
                .setCommissionId("hull").setCommission(Commission.newBuilder().setDisplayName("Hull")).build());
        String metrics = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + httpPort).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("chorus_gateway_grpc_requests_seconds_count{backend=\"commissions\",code=\"OK\",door=\"grpc\","
                + "method=\"chorus.commissions.v1.CommissionsService/CreateCommission\"}");
    }
}
