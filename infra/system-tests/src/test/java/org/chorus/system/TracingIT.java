package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from the gateway through the commissions service to its SQL, for one request through each door: the
 * caller's trace id is in the gateway's log line of the request (with its request id), in the service's span of
 * the call (whose parent is the gateway's span) and in the span of the service's SQL statement (the platform logs
 * finished spans in the system tests: {@code CHORUS_TRACING_LOGSPANS}).
 */
class TracingIT {

    private static final Duration EXPORT_WAIT = Duration.ofSeconds(30);

    static ChorusPlatform platform;
    static GatewayClient gateway;
    static String coordinator;
    static String commission;
    static ManagedChannel channel;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        gateway = new GatewayClient(platform.gatewayUrl());
        coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        commission = "traced-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(gateway.post("/v1/commissions?commissionId=" + commission, coordinator, "{\"displayName\": \"Traced\"}").status())
                .isEqualTo(200);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().gatewayGrpc()).usePlaintext().build();
    }

    @AfterAll
    static void close() {
        channel.shutdownNow();
    }

    @Test
    void aJsonRequestIsOneTraceFromTheGatewayToTheServicesSql() throws Exception {
        String traceId = newId(16);
        String requestId = "trace-it-json-" + UUID.randomUUID();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + "/v1/commissions/" + commission))
                .header("Authorization", "Bearer " + coordinator)
                .header("traceparent", "00-" + traceId + "-" + newId(8) + "-01")
                .header("X-Request-Id", requestId)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        assertOneTrace(traceId, requestId);
    }

    @Test
    void aGrpcCallIsOneTraceFromTheGatewayToTheServicesSql() {
        String traceId = newId(16);
        String requestId = "trace-it-grpc-" + UUID.randomUUID();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + coordinator);
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "00-" + traceId + "-" + newId(8) + "-01");
        headers.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), requestId);
        var read = CommissionsServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/" + commission).build());
        assertThat(read.getName()).isEqualTo("commissions/" + commission);

        assertOneTrace(traceId, requestId);
    }

    @Test
    void theServicesLogLinesAboutACallCarryItsTraceAndRequestIds() throws Exception {
        String traceId = newId(16);
        String requestId = "trace-it-create-" + UUID.randomUUID();
        String id = "logged-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + "/v1/commissions?commissionId=" + id))
                .header("Authorization", "Bearer " + coordinator)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + newId(8) + "-01")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\": \"Logged\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        // Setting the commission up migrates its schema, which the service logs while it answers the call.
        String line = awaitLine("commissions", candidate -> candidate.contains("\"traceId\":\"" + traceId + "\""));
        assertThat(line).contains("\"x-request-id\":\"" + requestId + "\"");
    }

    private static void assertOneTrace(String traceId, String requestId) {
        String gatewayLine = awaitLine("gateway", line -> line.contains(traceId) && line.contains(requestId));
        String gatewaySpan = valueAfter(gatewayLine, "\"span\":{\"id\":\"", "\"");

        // Spans are logged as they are exported, in batches every few seconds: "span <name> <kind> trace <id> span <id> parent <id>".
        String serverSpan = awaitLine("commissions", line -> line.contains(" SERVER trace " + traceId));
        assertThat(valueAfter(serverSpan, " parent ", "\"")).as("the service's span continues the gateway's").isEqualTo(gatewaySpan);
        String sqlSpan = awaitLine("commissions", line -> line.contains(" CLIENT trace " + traceId));
        assertThat(sqlSpan).as("the span of the service's SQL").containsIgnoringCase("query");
    }

    private static String awaitLine(String process, Predicate<String> wanted) {
        Path log = platform.config().logDirectory().resolve(process + ".log");
        long until = System.nanoTime() + EXPORT_WAIT.toNanos();
        while (true) {
            List<String> lines;
            try {
                lines = Files.readAllLines(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("No such line in " + log);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String valueAfter(String line, String prefix, String end) {
        int start = line.indexOf(prefix);
        assertThat(start).as("%s in %s", prefix, line).isNotNegative();
        start += prefix.length();
        return line.substring(start, line.indexOf(end, start));
    }

    private static String newId(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }
}
