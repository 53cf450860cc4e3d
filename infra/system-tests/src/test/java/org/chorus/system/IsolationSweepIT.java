package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.platform.security.DeclaredAccess;
import org.chorus.platform.v1.Relation;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The isolation sweep, its expected answers read from the access matrix in the contract
 * ({@link DeclaredAccess}). Two commissions of its own are opened and given people (a facilitator,
 * finance, a member and a viewer in each) and objects, all through the public API; a third has
 * neither. Then every RPC that names a commission is called about each commission's objects that
 * exist, about ids that do not, and about the caller's own record, by every kind
 * of caller (a coordinator; each role of this commission and of the other; a dashboard; a service;
 * someone with no role), through the gateway's JSON door, its gRPC door and each service's own port.
 *
 * <p>A call the matrix refuses must be PERMISSION_DENIED or NOT_FOUND (403 or 404), and, about an
 * existing object, indistinguishable (code, reason, message) from the same call about one that does
 * not exist: anything else is a leak. A call the matrix allows must not be refused for who the caller
 * is: an unexpected refusal. Afterwards, no event names an object that only refused calls named.
 * Prints {@code isolation-check: attempts=N leaks=L unexpected_refusals=U oracles=O unserved=S} (O: RPCs
 * that declare no access, so have no expected answer; S: calls to RPCs no service serves yet).
 */
class IsolationSweepIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_.]+)(?:=([^}]+))?}");
    private static final String MISSING_ID = "0b5f2a3c-7d41-4e8a-9c2f-5a6b7c8d9e0f";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static ChorusPlatform platform;
    static GatewayClient gateway;
    static final List<ManagedChannel> channels = new ArrayList<>();
    static String coordinator;
    static String a;
    static String b;
    /** A third commission, opened but given no people and no objects. */
    static String c;
    /** Every kind of caller, by a name for messages: their token. */
    static final Map<String, String> callers = new LinkedHashMap<>();
    /** Objects that exist, by the glob of their name ({@code commissions/sweep-x/sessions/*}): name and the subject of the person it is about. */
    static final Map<String, Owned> objects = new LinkedHashMap<>();

    record Owned(String name, String owner) {
    }

    int attempts;
    int oracles;
    /** Calls to RPCs that no service serves yet (UNIMPLEMENTED for everyone): refused, and said apart. */
    int unserved;
    final List<String> leaks = new ArrayList<>();
    final List<String> unexpectedRefusals = new ArrayList<>();
    final Set<String> namedByAllowedCalls = new HashSet<>();
    final Set<String> namedByRefusedCalls = new HashSet<>();

    @BeforeAll
    static void twoCommissionsWithPeopleAndObjects() throws Exception {
        platform = RunningPlatform.get();
        gateway = new GatewayClient(platform.gatewayUrl());
        RealKeycloak keycloak = RealKeycloak.get();
        coordinator = keycloak.passwordToken("amara", "demo-password");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        a = "sweep-a" + suffix;
        b = "sweep-b" + suffix;
        c = "sweep-c" + suffix;
        for (String commission : List.of(a, b, c)) {
            assertThat(gateway.post("/v1/commissions?commissionId=" + commission, coordinator,
                    "{\"displayName\": \"Sweep Poverty Truth Commission\"}").status()).isEqualTo(200);
        }
        KeycloakAdminCalls admin = KeycloakAdminCalls.asMasterAdmin(keycloak.baseUrl());
        admin.createUserIfMissing("vic", "vic@example.org", "Vic", "Example", "demo-password");
        admin.createUserIfMissing("nora", "nora@example.org", "Nora", "Example", "demo-password");
        admin.createUserIfMissing("fay", "fay@example.org", "Fay", "Example", "demo-password");
        admin.createUserIfMissing("val", "val@example.org", "Val", "Example", "demo-password");
        grant(a, "dev", "FACILITATOR");
        grant(a, "fin", "FINANCE");
        grant(a, "sam", "MEMBER");
        String vicGrant = grant(a, "vic", "VIEWER");
        grant(b, "jo", "FACILITATOR");
        grant(b, "fay", "FINANCE");
        String priyaGrant = grant(b, "priya", "MEMBER");
        grant(b, "val", "VIEWER");

        callers.put("the coordinator", coordinator);
        for (String person : List.of("dev", "fin", "sam", "vic", "jo", "fay", "priya", "val", "nora")) {
            callers.put(person, keycloak.passwordToken(person, "demo-password"));
        }
        callers.put("a dashboard", keycloak.clientCredentialsToken("chorus-dashboard", "chorus-dashboard-dev-secret"));
        callers.put("Leeds's dashboard", keycloak.clientCredentialsToken("chorus-dashboard-leeds", "chorus-dashboard-leeds-dev-secret"));
        callers.put("a service", keycloak.clientCredentialsToken("chorus-services", "chorus-services-dev-secret"));

        String sam = subject(callers.get("sam"));
        String priya = subject(callers.get("priya"));
        object(a, "roleGrants/*", vicGrant, subject(callers.get("vic")));
        object(b, "roleGrants/*", priyaGrant, priya);
        seed(a, sam, callers.get("sam"));
        seed(b, priya, callers.get("priya"));
    }

    /** A past session with the member's attendance, a coming one with their invitation, and the commission's agreements. */
    private static void seed(String commission, String member, String memberToken) {
        String at = "/v1/commissions/" + commission;
        Instant past = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(30));
        Instant coming = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(30));
        String held = created(at + "/sessions", session(past));
        object(commission, "sessions/*", held, null);
        String next = created(at + "/sessions", session(coming));
        object(commission, "sessions/*/invitations/*", created("/v1/" + next + "/invitations",
                "{\"member\": \"" + member + "\"}"), member);
        var attended = gateway.post("/v1/" + held + "/attendance/" + member + ":record", memberToken, "{\"attended\": true, \"minutes\": 120}");
        assertThat(attended.status()).as(attended.body().toString()).isEqualTo(200);
        object(commission, "sessions/*/attendance/*", attended.body().path("name").asString(), member);
        object(commission, "practicalDecisions/*", created(at + "/practicalDecisions", """
                {"topic": "RISK", "title": "We meet in public places", "decision": "We meet in public places.",
                 "agreedBy": "Everyone", "agreedOn": %s}""".formatted(day(LocalDate.now(ZoneOffset.UTC).minusDays(1)))), null);
        object(commission, "focusIssues/*", created(at + "/focusIssues", "{\"title\": \"The cost of the bus to the food bank\"}"), null);
        object(commission, "experiments/*", created(at + "/experiments",
                "{\"title\": \"Evening opening\", \"hypothesis\": \"More people come if it opens after work.\", \"change\": \"Open until eight on Thursdays.\", \"lead\": \"The food bank\"}"), null);
        object(commission, "members/*", "commissions/" + commission + "/members/" + member, member);
        object(commission, "impact", "commissions/" + commission + "/impact", null);
        object(commission, "outcomes/*", created(at + "/outcomes",
                "{\"kind\": \"OUTCOME\", \"title\": \"Bus passes for appointments\", \"description\": \"The council now pays.\"}"), null);
        assertThat(CommissionAgreementsIT.patchAt(platform.gatewayUrl(), at + "/members/" + member + "/benefitsSituation", memberToken,
                "{\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}], \"london\": false}").status()).isEqualTo(200);
        object(commission, "members/*/benefitsSituation", "commissions/" + commission + "/members/" + member + "/benefitsSituation", member);
        JsonNode preview = gateway.post(at + "/benefitsGuidance:preview", memberToken,
                "{\"situation\": {\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}]}, \"plan\": " + BenefitsGuidanceIT.PLAN + "}").body();
        var choice = BenefitsGuidanceIT.recordChoice(gateway, memberToken, at + "/members/" + member, "VOUCHERS", preview);
        assertThat(choice.status()).as(choice.body().toString()).isEqualTo(200);
        object(commission, "members/*/paymentChoices/*", choice.body().path("name").asString(), member);
    }

    @AfterAll
    static void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void everyCallGetsExactlyWhatTheMatrixSays() throws Exception {
        Map<String, Set<String>> feedsBefore = feeds();
        ManagedChannel door = channel(platform.config().ports().gatewayGrpc());
        Map<String, Caller> who = new LinkedHashMap<>();
        callers.forEach((name, token) -> who.put(name, callerOf(token)));

        for (String service : ChorusPlatform.SERVICES) {
            ManagedChannel own = channel(platform.config().ports().service(service).grpc());
            for (ServiceDescriptor api : ProtoDescriptors.load(getClass().getClassLoader()).services("chorus." + service + ".")) {
                for (MethodDescriptor method : api.getMethods()) {
                    String[] verbAndPath = DynamicCalls.verbAndPath(method.getOptions().getExtension(AnnotationsProto.http));
                    if (verbAndPath[1] == null || !verbAndPath[1].contains("commissions/*")) {
                        continue;
                    }
                    DeclaredAccess access = DeclaredAccess.of(method).orElse(null);
                    if (access == null) {
                        oracles++;
                        continue;
                    }
                    for (String commission : List.of(a, b, c)) {
                        for (Map.Entry<String, Caller> caller : who.entrySet()) {
                            sweep(new Rpc(own, door, method, verbAndPath[0], verbAndPath[1]), access, commission, caller.getKey(),
                                    caller.getValue());
                        }
                    }
                }
            }
        }
        List<String> changedByRefusedCalls = changedSince(feedsBefore).stream()
                .filter(namedByRefusedCalls::contains).filter(name -> !namedByAllowedCalls.contains(name)).toList();
        leaks.addAll(changedByRefusedCalls.stream().map(name -> "an event about " + name + ", which only refused calls named").toList());

        waitForFreshRateLimits();
        System.out.println("isolation-check: attempts=" + attempts + " leaks=" + leaks.size() + " unexpected_refusals="
                + unexpectedRefusals.size() + " oracles=" + oracles + " unserved=" + unserved);
        assertThat(attempts).as("the sweep reached the commission-scoped RPCs").isGreaterThan(5_000);
        assertThat(oracles).isZero();
        assertThat(leaks).isEmpty();
        assertThat(unexpectedRefusals).isEmpty();
    }

    /** One RPC about one commission, by one caller: about what exists, what does not, and their own record. */
    private void sweep(Rpc rpc, DeclaredAccess access, String commission, String callerName, Caller caller) throws Exception {
        Owned existing = objects.get(glob(commission, rpc.template()));
        // A person's own record: their member record, attendance or invitation (the last id is the person).
        boolean aboutAPerson = rpc.template().contains("/members/*") || rpc.template().matches(".*/(attendance|invitations)/\\*[}].*");
        Owned missing = new Owned(fill(rpc.template(), commission, MISSING_ID), aboutAPerson ? MISSING_ID : null);
        List<Owned> targets = new ArrayList<>();
        targets.add(existing != null ? existing : missing);
        if (existing != null) {
            targets.add(missing);
        }
        if (aboutAPerson) {
            targets.add(new Owned(fill(rpc.template(), commission, caller.subject()), caller.subject()));
        }
        for (Owned target : targets) {
            // Whose the object is decides a relation; a collection (a create, a list) has no owner, so the
            // method level decides, and only a caller allowed without conditions may not be refused.
            boolean allowed;
            boolean mustNotBeRefused;
            if (target.owner() == null) {
                allowed = access.allows(caller, commission);
                mustNotBeRefused = access.allows(caller, commission, Set.of());
            } else {
                allowed = access.allows(caller, commission,
                        Set.of(target.owner().equals(caller.subject()) ? Relation.OWN : Relation.NOT_OWN));
                mustNotBeRefused = allowed;
            }
            for (Door door : Door.values()) {
                attempts++;
                Outcome outcome = door.call(rpc, target.name(), callers.get(callerName));
                if (outcome.code() == Status.Code.UNIMPLEMENTED) {
                    unserved++;
                }
                String what = rpc.method().getFullName() + " about " + target.name() + " by " + callerName + " " + door.words + ": "
                        + outcome;
                (allowed ? namedByAllowedCalls : namedByRefusedCalls).add(target.name());
                if (mustNotBeRefused && outcome.refusedForWhoTheCallerIs()) {
                    unexpectedRefusals.add(what);
                } else if (!allowed && !outcome.refusal()) {
                    leaks.add(what);
                } else if (!allowed && target == existing) {
                    attempts++;
                    Outcome aboutNothing = door.call(rpc, missing.name(), callers.get(callerName));
                    if (!aboutNothing.looksLike(outcome)) {
                        leaks.add(what + ", but about nothing: " + aboutNothing);
                    }
                }
            }
        }
    }

    /** How a call was answered, in the terms both doors share. */
    record Outcome(Status.Code code, String reason, String message) {
        /** Refused: denied, or as if it did not exist; or a method no service serves yet, which answers nobody. */
        boolean refusal() {
            return code == Status.Code.PERMISSION_DENIED || code == Status.Code.NOT_FOUND || code == Status.Code.UNIMPLEMENTED;
        }

        /** Refused for who the caller is, not for what the object is: only the access checks say so. */
        boolean refusedForWhoTheCallerIs() {
            return code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED;
        }

        boolean looksLike(Outcome other) {
            return code == other.code && reason.equals(other.reason) && message.equals(other.message);
        }
    }

    enum Door {
        SERVICE_PORT("at the service's own port"), GRPC_DOOR("through the gateway's gRPC door"), JSON_DOOR("through the gateway as JSON");

        final String words;

        Door(String words) {
            this.words = words;
        }

        Outcome call(Rpc rpc, String name, String token) throws Exception {
            return switch (this) {
                case SERVICE_PORT -> grpc(rpc.channel(), rpc, name, token);
                case GRPC_DOOR -> grpc(rpc.door(), rpc, name, token);
                case JSON_DOOR -> json(rpc, name, token);
            };
        }
    }

    record Rpc(ManagedChannel channel, ManagedChannel door, MethodDescriptor method, String verb, String template) {
    }

    /**
     * The gateway limits requests per caller and per commission; the sweep is about access, not load, so a
     * call it limits is made again once its window has passed.
     */
    private static Outcome grpc(ManagedChannel channel, Rpc rpc, String name, String token) throws InterruptedException {
        Outcome outcome = grpcOnce(channel, rpc, name, token);
        while (outcome.code() == Status.Code.RESOURCE_EXHAUSTED) {
            Thread.sleep(2_000);
            outcome = grpcOnce(channel, rpc, name, token);
        }
        return outcome;
    }

    private static Outcome grpcOnce(ManagedChannel channel, Rpc rpc, String name, String token) {
        MethodDescriptor method = rpc.method();
        DynamicMessage request = request(method.getInputType(), rpc.template(), name);
        try {
            DynamicCalls.call(channel, method, request, token);
            return new Outcome(Status.Code.OK, "", "");
        } catch (StatusRuntimeException refused) {
            return new Outcome(refused.getStatus().getCode(), reason(refused), String.valueOf(refused.getStatus().getDescription()));
        }
    }

    /** The {@code ErrorInfo} reason of a refused call, or "" when it carries none. */
    static String reason(StatusRuntimeException refused) {
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        return status == null ? "" : status.getDetailsList().stream().filter(d -> d.is(ErrorInfo.class))
                .map(IsolationSweepIT::reason).findFirst().orElse("");
    }

    private static Outcome json(Rpc rpc, String name, String token) throws Exception {
        String path = "/v1/" + name + rpc.template().substring(rpc.template().indexOf('}') + 1);
        if (!rpc.template().startsWith("/v1/{")) {
            throw new IllegalStateException("A route that does not start with its resource: " + rpc.template());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(15));
        request.method(rpc.verb(), rpc.verb().equals("GET") || rpc.verb().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() == 429) {
            Thread.sleep(1_000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("2")));
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        Status.Code code = switch (response.statusCode()) {
            case 200, 201, 204 -> Status.Code.OK;
            case 400 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 409 -> Status.Code.ABORTED;
            case 412, 422 -> Status.Code.FAILED_PRECONDITION;
            case 501 -> Status.Code.UNIMPLEMENTED;
            default -> Status.Code.UNKNOWN;
        };
        String body = response.body();
        if (code == Status.Code.OK || body.isBlank() || !body.trim().startsWith("{")) {
            return new Outcome(code, "", "");
        }
        // A stream answers line by line; a problem is one object. The first line says which.
        JsonNode problem = JSON.readTree(body.lines().findFirst().orElse("{}"));
        JsonNode error = problem.has("error") ? problem.path("error") : problem;
        return new Outcome(code, error.path("reason").asString(""), error.path("detail").asString(""));
    }

    /** The request with the route's resource name set to {@code name}. */
    private static DynamicMessage request(Descriptor input, String template, String name) {
        Matcher m = VARIABLE.matcher(template);
        if (!m.find()) {
            throw new IllegalStateException("No resource in " + template);
        }
        DynamicMessage.Builder request = DynamicMessage.newBuilder(input);
        setPath(request, m.group(1).split("\\."), 0, name);
        return request.build();
    }

    private static void setPath(DynamicMessage.Builder message, String[] fields, int at, String value) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(fields[at]);
        if (at == fields.length - 1) {
            message.setField(field, value);
            return;
        }
        DynamicMessage.Builder inner = DynamicMessage.newBuilder(field.getMessageType());
        setPath(inner, fields, at + 1, value);
        message.setField(field, inner.build());
    }

    /** The route's resource pattern about {@code commission}: {@code commissions/sweep-a/sessions/*}. */
    private static String glob(String commission, String template) {
        Matcher m = VARIABLE.matcher(template);
        if (!m.find() || m.group(2) == null) {
            throw new IllegalStateException("No resource pattern in " + template);
        }
        return m.group(2).replaceFirst("^commissions/\\*", "commissions/" + commission);
    }

    /** The route's resource name about {@code commission}, every other id {@code id}. */
    private static String fill(String template, String commission, String id) {
        return glob(commission, template).replace("*", id);
    }

    private static void object(String commission, String pattern, String name, String owner) {
        assertThat(name).as(pattern).startsWith("commissions/" + commission + "/");
        objects.put("commissions/" + commission + "/" + pattern, new Owned(name, owner));
    }

    private static String created(String path, String json) {
        var made = gateway.post(path, coordinator, json);
        assertThat(made.status()).as(path + ": " + made.body()).isEqualTo(200);
        return made.body().path("name").asString();
    }

    private static String grant(String commission, String person, String role) {
        var made = gateway.post("/v1/commissions/" + commission + "/roleGrants", coordinator,
                "{\"person\": \"" + person + "\", \"role\": \"" + role + "\"}");
        assertThat(made.status()).as(made.body().toString()).isEqualTo(200);
        return made.body().path("name").asString();
    }

    private static String session(Instant start) {
        return """
                {"title": "A gathering", "startTime": "%s", "endTime": "%s", "location": {"place": "The community centre"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true, "interpreter": {"kind": "NONE"},
                                   "childcareProvided": true, "travelPaid": true, "foodProvided": true}}"""
                .formatted(start, start.plus(Duration.ofHours(3)));
    }

    private static String day(LocalDate day) {
        return "{\"year\": %d, \"month\": %d, \"day\": %d}".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /**
     * Thousands of calls on a few people's behalf use up their requests for the gateway's current window
     * (fixed windows, the same for every caller): the tests after this one start in the next.
     */
    private static void waitForFreshRateLimits() throws Exception {
        HttpResponse<Void> probe = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/commissions?pageSize=1"))
                .header("Authorization", "Bearer " + coordinator).GET().build(), HttpResponse.BodyHandlers.discarding());
        long reset = Long.parseLong(probe.headers().firstValue("RateLimit-Reset").orElse("0"));
        Thread.sleep(TimeUnit.SECONDS.toMillis(reset + 1));
    }

    /** The resource names of the events of every feed of all three commissions, as a coordinator reads them. */
    private static Map<String, Set<String>> feeds() throws Exception {
        Map<String, Set<String>> feeds = new LinkedHashMap<>();
        for (String commission : List.of(a, b, c)) {
            for (String feed : List.of("events", "membershipEvents", "paymentEvents")) {
                HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/commissions/"
                                + commission + "/" + feed + ":watch")).header("Authorization", "Bearer " + coordinator)
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).as(feed + ": " + read.body()).isEqualTo(200);
                Set<String> events = new HashSet<>();
                read.body().lines().filter(l -> !l.isBlank()).map(JSON::readTree)
                        .forEach(e -> events.add(e.path("name").asString() + " " + e.path("resource").asString()));
                feeds.put(commission + "/" + feed, events);
            }
        }
        return feeds;
    }

    /** The resources named by events written since {@code before}. */
    private static Set<String> changedSince(Map<String, Set<String>> before) throws Exception {
        Set<String> changed = new HashSet<>();
        feeds().forEach((feed, events) -> events.stream().filter(e -> !before.get(feed).contains(e))
                .forEach(e -> changed.add(e.substring(e.indexOf(' ') + 1))));
        return changed;
    }

    private static Caller callerOf(String token) {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        Map<String, Object> values = new LinkedHashMap<>(JSON.convertValue(claims, new TypeReference<Map<String, Object>>() { }));
        // Times are not what decides who the caller is, and the builder wants them as instants.
        values.keySet().removeAll(Set.of("iat", "exp", "nbf", "auth_time"));
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").claims(c -> c.putAll(values)).build();
        return KeycloakCallers.from(jwt);
    }

    private static String subject(String token) {
        return BenefitsGuidanceIT.subject(token);
    }

    private static String reason(Any detail) {
        try {
            return detail.unpack(ErrorInfo.class).getReason();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    private static ManagedChannel channel(int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        channels.add(channel);
        return channel;
    }
}
