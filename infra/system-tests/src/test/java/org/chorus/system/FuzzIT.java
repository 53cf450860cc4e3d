package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.platform.security.DeclaredAccess;
import org.chorus.platform.v1.Allow;
import org.chorus.platform.v1.CallerKind;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every RPC of the contract, sent requests generated from its descriptor (values of the right and the
 * wrong shape: empty, very long and unusual Unicode strings, boundary numbers, unknown enum values,
 * repeated fields at their limit) as a caller the access matrix allows, through the gateway's JSON door
 * and its gRPC door: no request may end in INTERNAL or UNKNOWN (500 over HTTP), or run past its
 * deadline; and a refused request must leave everything the services store as it was ({@link StoredState}).
 * The seed is printed, so a failure can be replayed ({@code -Dfuzz.seed=…}; the number of requests per
 * RPC and door is {@code -Dfuzz.requests}). Prints
 * {@code fuzz-check: rpcs=R requests=N internal=I refused=F wrote=W}.
 */
class FuzzIT {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_.]+)(?:=([^}]+))?}");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PER_RPC = Integer.getInteger("fuzz.requests", 12);
    /** Fixed under ./chorus test, so CI is repeatable; any other by -Dfuzz.seed (the README says how to run longer). */
    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);
    private static final List<ManagedChannel> channels = new ArrayList<>();

    private final Random random = new Random(SEED);
    private String commission;
    private String samMember;

    @AfterAll
    static void close() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void noRequestMakesAnyDoorFail() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        RealKeycloak keycloak = RealKeycloak.get();
        String coordinator = keycloak.passwordToken("amara", "demo-password");
        commission = "fuzz-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(gateway.post("/v1/commissions?commissionId=" + commission, coordinator,
                "{\"displayName\": \"Fuzz Poverty Truth Commission\"}").status()).isEqualTo(200);
        assertThat(gateway.post("/v1/commissions/" + commission + "/roleGrants", coordinator,
                "{\"person\": \"sam\", \"role\": \"MEMBER\"}").status()).isEqualTo(200);
        StoredState stored = new StoredState(platform, commission);
        Map<String, String> beforeAWrite = stored.snapshot();
        assertThat(gateway.post("/v1/commissions/" + commission + "/roleGrants", coordinator,
                "{\"person\": \"fin\", \"role\": \"FINANCE\"}").status()).isEqualTo(200);
        assertThat(StoredState.changed(beforeAWrite, stored.snapshot())).as("the check on stored state sees a write").isNotEmpty();
        String sam = keycloak.passwordToken("sam", "demo-password");
        String fin = keycloak.passwordToken("fin", "demo-password");
        String service = keycloak.clientCredentialsToken("chorus-services", "chorus-services-dev-secret");
        samMember = "commissions/" + commission + "/members/" + BenefitsGuidanceIT.subject(sam);
        ManagedChannel door = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().gatewayGrpc()).usePlaintext()
                .maxInboundMessageSize(8 * 1024 * 1024).build();
        channels.add(door);
        JsonFormat.Printer json = JsonFormat.printer().usingTypeRegistry(registry());

        int rpcs = 0;
        int requests = 0;
        int refused = 0;
        List<String> failures = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        Map<String, String> known = null;
        for (ServiceDescriptor api : ProtoDescriptors.load(getClass().getClassLoader()).services("chorus.")) {
            for (MethodDescriptor method : api.getMethods()) {
                Allow allowed = DeclaredAccess.of(method).orElseThrow().access().getAllowList().stream()
                        .min((a, b) -> Integer.compare(preference(a.getCaller()), preference(b.getCaller()))).orElseThrow();
                String token = switch (allowed.getCaller()) {
                    case MEMBER -> sam;
                    case FINANCE -> fin;
                    case SERVICE -> service;
                    default -> coordinator;
                };
                boolean asTheMember = allowed.getCaller() == CallerKind.MEMBER;
                rpcs++;
                HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
                for (int i = 0; i < PER_RPC; i++) {
                    DynamicMessage request = message(method.getInputType(), 0, asTheMember);
                    requests++;
                    known = known == null ? stored.snapshot() : known;
                    Status status = grpc(door, method, request, token);
                    Status.Code code = status.getCode();
                    if (code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN || code == Status.Code.DEADLINE_EXCEEDED) {
                        failures.add(method.getFullName() + " through the gRPC door: " + code + " (" + status.getDescription() + ") for "
                                + shortly(request));
                    }
                    if (status.isOk()) {
                        known = null;
                    } else {
                        refused++;
                        known = unchanged(stored, known, method.getFullName() + " refused with " + code + " through the gRPC door", writes);
                    }
                    if (rule.getPatternCase() != HttpRule.PatternCase.PATTERN_NOT_SET) {
                        requests++;
                        known = known == null ? stored.snapshot() : known;
                        int answer = http(platform.gatewayUrl(), rule, request, json, token);
                        if (answer >= 500 && answer != 501 && answer != 503) {
                            failures.add(method.getFullName() + " through the JSON door: HTTP " + answer + " for " + shortly(request));
                        }
                        if (answer / 100 == 2) {
                            known = null;
                        } else {
                            refused++;
                            known = unchanged(stored, known, method.getFullName() + " refused with HTTP " + answer + " through the JSON door",
                                    writes);
                        }
                    }
                }
            }
        }
        stored.close();
        System.out.println("fuzz-check: rpcs=" + rpcs + " requests=" + requests + " internal=" + failures.size() + " refused=" + refused
                + " wrote=" + writes.size() + " seed=" + SEED);
        assertThat(rpcs).as("every RPC of the contract").isGreaterThan(55);
        assertThat(refused).as("refusals, so that the check on what they wrote means something").isGreaterThan(requests / 4);
        assertThat(failures).as("replay with -Dfuzz.seed=" + SEED).isEmpty();
        assertThat(writes).as("refused requests that changed what is stored; replay with -Dfuzz.seed=" + SEED).isEmpty();
    }

    /** The stored state after a refused request, with a note in {@code writes} if it is not {@code before}. */
    private static Map<String, String> unchanged(StoredState stored, Map<String, String> before, String what, List<String> writes)
            throws SQLException {
        Map<String, String> after = stored.snapshot();
        Set<String> changed = StoredState.changed(before, after);
        if (!changed.isEmpty()) {
            writes.add(what + " changed " + changed);
        }
        return after;
    }

    /** Coordinators first (they reach most), then services, then people for what only they may do. */
    private static int preference(CallerKind kind) {
        return switch (kind) {
            case COORDINATOR, SIGNED_IN -> 0;
            case SERVICE -> 1;
            case FINANCE -> 2;
            case MEMBER -> 3;
            default -> 9;
        };
    }

    private DynamicMessage message(Descriptor type, int depth, boolean asTheMember) {
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        if (depth > 3 || type.getFullName().startsWith("google.protobuf.") && !type.getFullName().endsWith("FieldMask")
                && !type.getFullName().endsWith("Timestamp")) {
            return message.build();
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getRealContainingOneof() != null && random.nextBoolean()) {
                continue;
            }
            if (random.nextInt(5) == 0) {
                continue;
            }
            if (field.isMapField()) {
                continue;
            }
            if (field.isRepeated()) {
                int count = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 1;
                    case 2 -> 3;
                    default -> 101 + random.nextInt(200);
                };
                for (int i = 0; i < count; i++) {
                    message.addRepeatedField(field, value(field, depth, asTheMember));
                }
            } else {
                message.setField(field, value(field, depth, asTheMember));
            }
        }
        return message.build();
    }

    private Object value(FieldDescriptor field, int depth, boolean asTheMember) {
        return switch (field.getJavaType()) {
            case STRING -> text(field.getName(), asTheMember);
            case INT -> pick(0, 1, -1, 2, 100, 101, 301, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt());
            case LONG -> pick(0L, 1L, -1L, 4035L, Long.MAX_VALUE, Long.MIN_VALUE, 253402300800L, random.nextLong());
            case FLOAT -> pick(0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.MAX_VALUE);
            case DOUBLE -> pick(0d, -1d, Double.NaN, Double.NEGATIVE_INFINITY, Double.MAX_VALUE);
            case BOOLEAN -> random.nextBoolean();
            case BYTE_STRING -> com.google.protobuf.ByteString.copyFrom(new byte[random.nextInt(64)]);
            case ENUM -> random.nextInt(4) == 0
                    ? field.getEnumType().findValueByNumberCreatingIfUnknown(900 + random.nextInt(50))
                    : pick(field.getEnumType().getValues().toArray(EnumValueDescriptor[]::new));
            case MESSAGE -> message(field.getMessageType(), depth + 1, asTheMember);
        };
    }

    /** Names about the fuzz commission half the time (so requests reach the service), anything else otherwise. */
    private String text(String field, boolean asTheMember) {
        boolean aName = field.equals("name") || field.equals("parent") || field.endsWith("_name") && !field.equals("display_name");
        if (aName && random.nextBoolean()) {
            String base = asTheMember ? samMember : "commissions/" + commission;
            return pick(base, base + "/sessions/s-1", base + "/benefitsSituation", base + "/paymentChoices/" + UUID.randomUUID(),
                    "commissions/" + commission + "/practicalDecisions/d-1", "commissions/" + commission + "/impact");
        }
        return pick("", "a", " ", "x".repeat(301), "x".repeat(70_000), "\u0000", "nul\u0000inside", "é", "😀🏳️‍🌈",
                "\u202eright-to-left", "zero\u200bwidth", "'; DROP TABLE commission; --", "../../etc/passwd", "%00",
                "  leading and trailing  ", "UPPER-Case", UUID.randomUUID().toString(), "-1", "commissions/",
                "commissions/" + commission, "2026-13-45T25:61:61Z", "\ud800", "line\nbreak", "<script>alert(1)</script>");
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static Status grpc(ManagedChannel channel, MethodDescriptor method, DynamicMessage request, String token) {
        try {
            DynamicCalls.call(channel, method, request, token);
            return Status.OK;
        } catch (StatusRuntimeException refused) {
            return refused.getStatus();
        }
    }

    /** The request through the JSON door: path variables from its fields, the rest as the body (or the query, for GET). */
    private static int http(String gatewayUrl, HttpRule rule, DynamicMessage request, JsonFormat.Printer json, String token)
            throws Exception {
        String[] verbAndPath = DynamicCalls.verbAndPath(rule);
        Matcher m = VARIABLE.matcher(verbAndPath[1]);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            Object value = valueAt(request, m.group(1).split("\\."));
            String text = value == null || value.toString().isEmpty() ? "x" : value.toString();
            m.appendReplacement(path, Matcher.quoteReplacement(URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%2F", "/")));
        }
        m.appendTail(path);
        String body;
        try {
            body = rule.getBody().isEmpty() ? null : rule.getBody().equals("*") ? json.print(request)
                    : json.print((com.google.protobuf.Message) request.getField(request.getDescriptorForType().findFieldByName(rule.getBody())));
        } catch (InvalidProtocolBufferException | IllegalArgumentException notJson) {
            body = "{\"not\": \"what was asked for\"";
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                // A large body waits for the gateway's go-ahead, so that a request refused before its body
                // is read is never sent on into a connection the gateway has closed.
                .expectContinue(body != null && body.length() > 8_192)
                .timeout(Duration.ofSeconds(15));
        http.method(verbAndPath[0], body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            int status = HTTP.send(http.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 429) {
                Thread.sleep(2_000);
                return http(gatewayUrl, rule, request, json, token);
            }
            return status;
        } catch (java.net.http.HttpTimeoutException hang) {
            return 504;
        } catch (IOException noAnswer) {
            // The connection closed with no answer at all: as bad as a 500 for whoever sent it.
            return 599;
        }
    }

    private static Object valueAt(DynamicMessage message, String[] fields) {
        Object value = message;
        for (String field : fields) {
            if (!(value instanceof DynamicMessage inner)) {
                return null;
            }
            FieldDescriptor descriptor = inner.getDescriptorForType().findFieldByName(field);
            value = descriptor == null ? null : inner.getField(descriptor);
        }
        return value;
    }

    private static JsonFormat.TypeRegistry registry() {
        JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
        ProtoDescriptors.load(FuzzIT.class.getClassLoader()).messages("chorus.").values().forEach(registry::add);
        return registry.build();
    }

    private static String shortly(DynamicMessage request) {
        String text = request.toString().replace('\n', ' ');
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
