package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.chorus.commissions.v1.Accessibility;
import org.chorus.commissions.v1.CancelSessionRequest;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.CreateSessionRequest;
import org.chorus.commissions.v1.GetSessionRequest;
import org.chorus.commissions.v1.Interpreter;
import org.chorus.commissions.v1.ListSessionsRequest;
import org.chorus.commissions.v1.ListSessionsResponse;
import org.chorus.commissions.v1.Session;
import org.chorus.commissions.v1.SessionLocation;
import org.chorus.commissions.v1.UpdateSessionRequest;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The "done when": one RPC of each style (Get, List with paging, Create with a body, Update with a
 * field mask, a custom verb, a server stream) through the gateway as JSON, and the same through the gateway's
 * gRPC door with the generated stubs, on the real platform: the services as processes, real PostgreSQL and
 * Keycloak, real tokens. dev facilitates {@code leeds}; priya is a member of {@code salford} only.
 */
class EveryStyleThroughTheGatewayIT {

    static final String LEEDS = "commissions/leeds";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    static ChorusPlatform platform;
    static GatewayClient gateway;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static ManagedChannel door;
    static String facilitator;
    static String salfordMember;
    /** Reads the raw event feed, which only coordinators and services may. */
    static String coordinator;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        gateway = new GatewayClient(platform.gatewayUrl());
        door = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().gatewayGrpc()).usePlaintext().build();
        coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        facilitator = RealKeycloak.get().passwordToken("dev", "demo-password");
        salfordMember = RealKeycloak.get().passwordToken("priya", "demo-password");
        var leeds = gateway.post("/v1/commissions?commissionId=leeds", coordinator, "{\"displayName\": \"Leeds Poverty Truth Commission\"}");
        assertThat(leeds.status()).isIn(200, 409);
    }

    @AfterAll
    static void closeDoor() {
        door.shutdownNow();
    }

    @Test
    void everyStyleAsJson() {
        Instant day = someDayInThePast();
        long before = lastSequence(watchAsNdjson(0));

        // Create, with the session as the body.
        var created = gateway.post("/v1/" + LEEDS + "/sessions", facilitator, sessionJson("Our first gathering", day, day.plus(Duration.ofHours(2))));
        assertThat(created.status()).isEqualTo(200);
        String name = created.body().path("name").asString();
        assertThat(name).startsWith(LEEDS + "/sessions/");
        assertThat(created.body().path("title").asString()).isEqualTo("Our first gathering");
        assertThat(created.body().path("state").asString()).isEqualTo("SCHEDULED");
        var second = gateway.post("/v1/" + LEEDS + "/sessions", facilitator,
                sessionJson("Our second gathering", day.plus(Duration.ofHours(4)), day.plus(Duration.ofHours(6))));
        assertThat(second.status()).isEqualTo(200);

        // Get.
        var read = gateway.get("/v1/" + name, facilitator);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("title").asString()).isEqualTo("Our first gathering");
        assertThat(read.body().path("location").path("place").asString()).isEqualTo("Leeds Central Library");
        assertThat(read.body().path("startTime").asString()).isEqualTo(day.toString());

        // List, one per page, following the page token.
        String range = "startTime=" + day.minus(Duration.ofHours(1)) + "&endTime=" + day.plus(Duration.ofHours(12));
        List<String> titles = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            var page = gateway.get("/v1/" + LEEDS + "/sessions?pageSize=1&" + range + (token.isEmpty() ? "" : "&pageToken=" + token), facilitator);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("sessions")).hasSize(1);
            titles.add(page.body().path("sessions").get(0).path("title").asString());
            token = page.body().path("nextPageToken").asString("");
            pages++;
        } while (!token.isEmpty() && pages < 5);
        assertThat(titles).containsExactly("Our first gathering", "Our second gathering");

        // Update, with a field mask: only the title changes.
        var updated = patch("/v1/" + name + "?updateMask=title", facilitator, "{\"title\": \"Our first gathering, renamed\", \"notes\": \"not sent\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("title").asString()).isEqualTo("Our first gathering, renamed");
        assertThat(updated.body().path("notes").asString("")).isEmpty();
        assertThat(updated.body().path("location").path("place").asString()).isEqualTo("Leeds Central Library");

        // A custom verb.
        var cancelled = gateway.post("/v1/" + name + ":cancel", facilitator, "{\"reason\": \"The room is needed for a vote.\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("state").asString()).isEqualTo("CANCELLED");

        // A server stream, as NDJSON: the changes above, in order, after the sequence read first.
        List<JsonNode> events = watchAsNdjson(before);
        List<String> mine = events.stream().filter(e -> e.path("resource").asString().equals(name))
                .map(e -> e.path("type").asString()).toList();
        assertThat(mine).containsExactly("session.created", "session.updated", "session.cancelled");
        assertThat(events).allSatisfy(e -> assertThat(Long.parseLong(e.path("sequence").asString())).isGreaterThan(before));

        // The same stream as server-sent events.
        HttpResponse<String> sse = send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/" + LEEDS
                + "/events:watch?afterSequence=" + before)).header("Authorization", "Bearer " + coordinator)
                .header("Accept", "text/event-stream").GET());
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> data = sse.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertThat(data).hasSize(events.size());
        assertThat(sse.body()).doesNotContain("event: error");
    }

    @Test
    void everyStyleAsGrpcThroughTheGatewaysGrpcDoor() {
        var sessions = CommissionSessionsServiceGrpc.newBlockingStub(door).withInterceptors(bearer(facilitator))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        var feed = CommissionEventsServiceGrpc.newBlockingStub(door).withInterceptors(bearer(coordinator))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
        Instant day = someDayInThePast();
        long last = 0;
        var all = feed.watchEvents(WatchEventsRequest.newBuilder().setParent(LEEDS).build());
        while (all.hasNext()) {
            last = all.next().getSequence();
        }
        long before = last;

        // Create.
        Session created = sessions.createSession(CreateSessionRequest.newBuilder().setParent(LEEDS)
                .setSession(session("A gathering over gRPC", day, day.plus(Duration.ofHours(2)))).build());
        assertThat(created.getName()).startsWith(LEEDS + "/sessions/");
        assertThat(created.getState()).isEqualTo(Session.State.SCHEDULED);
        sessions.createSession(CreateSessionRequest.newBuilder().setParent(LEEDS)
                .setSession(session("Another gathering over gRPC", day.plus(Duration.ofHours(4)), day.plus(Duration.ofHours(6)))).build());

        // Get.
        Session read = sessions.getSession(GetSessionRequest.newBuilder().setName(created.getName()).build());
        assertThat(read.getTitle()).isEqualTo("A gathering over gRPC");
        assertThat(read.getLocation().getPlace()).isEqualTo("Leeds Central Library");

        // List, one per page.
        List<String> titles = new ArrayList<>();
        String token = "";
        do {
            ListSessionsResponse page = sessions.listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS).setPageSize(1)
                    .setStartTime(timestamp(day.minus(Duration.ofHours(1)))).setEndTime(timestamp(day.plus(Duration.ofHours(12))))
                    .setPageToken(token).build());
            assertThat(page.getSessionsList()).hasSize(1);
            titles.add(page.getSessions(0).getTitle());
            token = page.getNextPageToken();
        } while (!token.isEmpty() && titles.size() < 5);
        assertThat(titles).containsExactly("A gathering over gRPC", "Another gathering over gRPC");

        // Update with a field mask.
        Session updated = sessions.updateSession(UpdateSessionRequest.newBuilder()
                .setSession(Session.newBuilder().setName(created.getName()).setTitle("A gathering over gRPC, renamed").setNotes("not sent"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build());
        assertThat(updated.getTitle()).isEqualTo("A gathering over gRPC, renamed");
        assertThat(updated.getNotes()).isEmpty();

        // The custom verb.
        Session cancelled = sessions.cancelSession(CancelSessionRequest.newBuilder().setName(created.getName())
                .setReason("The room is needed for a vote.").build());
        assertThat(cancelled.getState()).isEqualTo(Session.State.CANCELLED);

        // The server stream.
        List<CommissionEvent> events = new ArrayList<>();
        feed.watchEvents(WatchEventsRequest.newBuilder().setParent(LEEDS).setAfterSequence(before).build()).forEachRemaining(events::add);
        assertThat(events.stream().filter(e -> e.getResource().equals(created.getName())).map(CommissionEvent::getType))
                .containsExactly("session.created", "session.updated", "session.cancelled");
        assertThat(events).allSatisfy(e -> assertThat(e.getSequence()).isGreaterThan(before));
    }

    @Test
    void theGrpcDoorRefusesCallsWithoutATokenOrForAnotherCommission() {
        Instant day = someDayInThePast();
        String name = gateway.post("/v1/" + LEEDS + "/sessions", facilitator, sessionJson("Leeds only", day, day.plus(Duration.ofHours(1))))
                .body().path("name").asString();
        GetSessionRequest get = GetSessionRequest.newBuilder().setName(name).build();

        StatusRuntimeException anonymous = catchThrowableOfType(StatusRuntimeException.class, () ->
                CommissionSessionsServiceGrpc.newBlockingStub(door).withDeadlineAfter(10, TimeUnit.SECONDS).getSession(get));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        StatusRuntimeException forged = catchThrowableOfType(StatusRuntimeException.class, () ->
                CommissionSessionsServiceGrpc.newBlockingStub(door).withInterceptors(bearer(facilitator.substring(0, facilitator.length() - 4) + "AAAA"))
                        .withDeadlineAfter(10, TimeUnit.SECONDS).getSession(get));
        assertThat(forged.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        var asSalford = CommissionSessionsServiceGrpc.newBlockingStub(door).withInterceptors(bearer(salfordMember))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException wrongCommission = catchThrowableOfType(StatusRuntimeException.class, () -> asSalford.getSession(get));
        assertThat(wrongCommission.getStatus().getCode()).isIn(Status.Code.PERMISSION_DENIED, Status.Code.NOT_FOUND);
        StatusRuntimeException wrongList = catchThrowableOfType(StatusRuntimeException.class, () ->
                asSalford.listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS).build()));
        assertThat(wrongList.getStatus().getCode()).isIn(Status.Code.PERMISSION_DENIED, Status.Code.NOT_FOUND);
        var feed = CommissionEventsServiceGrpc.newBlockingStub(door).withInterceptors(bearer(salfordMember))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException wrongFeed = catchThrowableOfType(StatusRuntimeException.class, () ->
                feed.watchEvents(WatchEventsRequest.newBuilder().setParent(LEEDS).build()).hasNext());
        assertThat(wrongFeed.getStatus().getCode()).isIn(Status.Code.PERMISSION_DENIED, Status.Code.NOT_FOUND);

        // The same people, through the JSON door, for comparison: the two doors agree.
        assertThat(gateway.get("/v1/" + name, null).status()).isEqualTo(401);
        assertThat(gateway.get("/v1/" + name, salfordMember).status()).isIn(403, 404);
    }

    private static List<JsonNode> watchAsNdjson(long afterSequence) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/" + LEEDS
                + "/events:watch?afterSequence=" + afterSequence)).header("Authorization", "Bearer " + coordinator).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> lines = response.body().lines().map(JSON::readTree).toList();
        assertThat(lines).noneMatch(line -> line.has("error"));
        return lines;
    }

    private static long lastSequence(List<JsonNode> events) {
        return events.isEmpty() ? 0 : Long.parseLong(events.getLast().path("sequence").asString());
    }

    private static GatewayClient.Response patch(String path, String token, String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
        return new GatewayClient.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static io.grpc.ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static Session session(String title, Instant start, Instant end) {
        return Session.newBuilder()
                .setTitle(title)
                .setStartTime(timestamp(start))
                .setEndTime(timestamp(end))
                .setLocation(SessionLocation.newBuilder().setPlace("Leeds Central Library"))
                .setAccessibility(Accessibility.newBuilder().setStepFreeAccess(true).setHearingLoop(true).setQuietRoom(true)
                        .setInterpreter(Interpreter.newBuilder().setKind(Interpreter.Kind.BSL))
                        .setChildcareProvided(true).setTravelPaid(true).setFoodProvided(true))
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** A whole day, some years back, that no other test uses. */
    private static Instant someDayInThePast() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(400 + ThreadLocalRandom.current().nextInt(20_000)))
                .plus(Duration.ofHours(10));
    }

    private static String sessionJson(String title, Instant start, Instant end) {
        return """
                {"title": "%s", "startTime": "%s", "endTime": "%s",
                 "location": {"place": "Leeds Central Library"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true,
                                   "interpreter": {"kind": "BSL"}, "childcareProvided": true, "travelPaid": true, "foodProvided": true}}""".formatted(title, start, end);
    }
}
