package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every RPC of the contract that names a commission, called about Leeds — through the gateway (its JSON API
 * and its gRPC door) and straight at each service's gRPC port — by people who must get nothing from it:
 * <ul>
 *   <li>someone who belongs only to Salford: every RPC;</li>
 *   <li>people of Leeds whose role does not reach: a viewer and a dashboard, who may read but change
 *       nothing, on every RPC that is not a read; a member and a facilitator on every RPC about
 *       another person's benefits and payments (only that person and finance may).</li>
 * </ul>
 * Built from the descriptor set, so a new RPC joins the sweep by itself. Any success is a leak; so
 * is any answer but a refusal for the second group (a role check must come before anything else).
 * Prints {@code isolation-check: attempts=<N> leaks=<L>} once, for both.
 */
class IsolationSweepIT {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_.]+)(?:=([^}]+))?}");
    static ChorusPlatform platform;
    static final List<ManagedChannel> channels = new ArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();
    static final String WELL_FORMED_ID = "0b5f2a3c-7d41-4e8a-9c2f-5a6b7c8d9e0f";
    static int attempts;
    static final List<String> leaks = new ArrayList<>();

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        // Leeds exists, so a refusal cannot be put down to its absence.
        new GatewayClient(platform.gatewayUrl()).post("/v1/commissions?commissionId=leeds",
                RealKeycloak.get().passwordToken("amara", "demo-password"), "{\"displayName\": \"Leeds Poverty Truth Commission\"}");
    }

    @AfterAll
    static void closeChannelsAndReport() {
        channels.forEach(ManagedChannel::shutdownNow);
        System.out.println("isolation-check: attempts=" + attempts + " leaks=" + leaks.size());
    }

    @Test
    void someoneFromAnotherCommissionGetsNothingFromAnyRpc() throws Exception {
        String priya = RealKeycloak.get().passwordToken("priya", "demo-password");
        String amara = RealKeycloak.get().passwordToken("amara", "demo-password");
        List<String> found = new ArrayList<>();
        int answeredTheCoordinator = 0;
        int before = attempts;
        for (Rpc rpc : commissionRpcs()) {
            attempts++;
            if (rpc.grpc(priya) == Status.Code.OK) {
                found.add(rpc.method().getFullName() + " over gRPC");
            }
            attempts++;
            if (rpc.gateway(priya) / 100 == 2) {
                found.add(rpc.method().getFullName() + " through the gateway");
            }
            attempts++;
            if (rpc.grpcDoor(priya) == Status.Code.OK) {
                found.add(rpc.method().getFullName() + " through the gateway's gRPC door");
            }
            // The control: the same calls answer a coordinator, so a refusal above means something.
            if (rpc.verb().equals("GET") && rpc.gateway(amara) / 100 == 2 && rpc.grpc(amara) == Status.Code.OK) {
                answeredTheCoordinator++;
            }
        }
        leaks.addAll(found);

        assertThat(attempts - before).as("the sweep found the commission-scoped RPCs").isGreaterThan(20);
        assertThat(answeredTheCoordinator).as("reads that answer the coordinator both ways").isGreaterThanOrEqualTo(3);
        assertThat(found).isEmpty();
    }

    @Test
    void peopleOfTheCommissionGetNothingTheirRoleDoesNotReach() throws Exception {
        Map<String, String> readOnly = Map.of(
                "a Leeds viewer", viewerOfLeeds(),
                "a dashboard", RealKeycloak.get().clientCredentialsToken("chorus-dashboard", "chorus-dashboard-dev-secret"));
        Map<String, String> notThatPerson = Map.of(
                "a Leeds member", RealKeycloak.get().passwordToken("sam", "demo-password"),
                "a Leeds facilitator", RealKeycloak.get().passwordToken("dev", "demo-password"));
        List<String> found = new ArrayList<>();
        int writes = 0;
        int aboutAPerson = 0;
        for (Rpc rpc : commissionRpcs()) {
            Map<String, String> callers = !rpc.verb().equals("GET") ? readOnly
                    : rpc.template().contains("/members/*/") ? notThatPerson : Map.of();
            if (callers.isEmpty()) {
                continue;
            }
            if (callers == readOnly) {
                writes++;
            } else {
                aboutAPerson++;
            }
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                attempts++;
                Status.Code code = rpc.grpc(caller.getValue());
                if (!refusedByRole(code)) {
                    found.add(rpc.method().getFullName() + " over gRPC as " + caller.getKey() + ": " + code);
                }
                attempts++;
                int status = rpc.gateway(caller.getValue());
                if (status != 403 && status != 404 && status != 501) {
                    found.add(rpc.method().getFullName() + " through the gateway as " + caller.getKey() + ": HTTP " + status);
                }
                attempts++;
                Status.Code throughTheDoor = rpc.grpcDoor(caller.getValue());
                if (!refusedByRole(throughTheDoor)) {
                    found.add(rpc.method().getFullName() + " through the gateway's gRPC door as " + caller.getKey() + ": " + throughTheDoor);
                }
            }
        }
        leaks.addAll(found);

        assertThat(writes).as("RPCs that change something").isGreaterThan(15);
        assertThat(aboutAPerson).as("reads about one person's benefits or payments").isGreaterThanOrEqualTo(2);
        assertThat(found).isEmpty();
    }

    /** A refusal for who the caller is; UNIMPLEMENTED is a service that does not serve its API yet. */
    private static boolean refusedByRole(Status.Code code) {
        return code == Status.Code.PERMISSION_DENIED || code == Status.Code.NOT_FOUND || code == Status.Code.UNIMPLEMENTED;
    }

    /** Vic, a viewer of Leeds: an account made as the realm's admin, the role granted through Chorus's own API. */
    private static String viewerOfLeeds() throws Exception {
        KeycloakAdminCalls admin = KeycloakAdminCalls.asMasterAdmin(RealKeycloak.get().baseUrl());
        admin.createUserIfMissing("vic", "vic@example.org", "Vic", "Example", "demo-password");
        var granted = new GatewayClient(platform.gatewayUrl()).post("/v1/commissions/leeds/roleGrants",
                RealKeycloak.get().passwordToken("amara", "demo-password"), "{\"person\": \"vic\", \"role\": \"VIEWER\"}");
        assertThat(granted.status()).as(granted.body().toString()).isIn(200, 409);
        String vic = RealKeycloak.get().passwordToken("vic", "demo-password");
        assertThat(vic).as("vic's token carries the viewer role").isNotEmpty();
        return vic;
    }

    /** Every RPC whose HTTP route names a commission, with the service channel that serves it. */
    private List<Rpc> commissionRpcs() {
        List<Rpc> rpcs = new ArrayList<>();
        ManagedChannel door = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().gatewayGrpc())
                .usePlaintext().build();
        channels.add(door);
        for (String service : ChorusPlatform.SERVICES) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().service(service).grpc())
                    .usePlaintext().build();
            channels.add(channel);
            for (ServiceDescriptor api : ProtoDescriptors.load(getClass().getClassLoader()).services("chorus." + service + ".")) {
                for (MethodDescriptor method : api.getMethods()) {
                    HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
                    String[] verbAndPath = verbAndPath(rule);
                    if (verbAndPath[1] != null && verbAndPath[1].contains("commissions/*")) {
                        rpcs.add(new Rpc(channel, door, method, verbAndPath[0], verbAndPath[1]));
                    }
                }
            }
        }
        return rpcs;
    }

    /** One RPC about Leeds, callable every way: straight at its service, through the gateway as JSON and as gRPC. */
    private record Rpc(ManagedChannel channel, ManagedChannel door, MethodDescriptor method, String verb, String template) {

        Status.Code grpc(String token) {
            return grpcOutcome(channel, method, template, token);
        }

        Status.Code grpcDoor(String token) {
            return grpcOutcome(door, method, template, token);
        }

        int gateway(String token) throws Exception {
            return gatewayStatus(verb, template, token);
        }
    }

    /** OK when the service answered with data (or any success), else the code it refused with. */
    private static Status.Code grpcOutcome(ManagedChannel channel, MethodDescriptor method, String template, String token) {
        DynamicMessage request = requestAboutLeeds(method.getInputType(), template);
        var grpcMethod = io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
                .setRequestMarshaller(marshaller(method.getInputType()))
                .setResponseMarshaller(marshaller(method.getOutputType()))
                .build();
        var call = ClientInterceptors.intercept(channel, Bearer.token(token));
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        try {
            if (method.isServerStreaming()) {
                // An empty stream is a stream that was allowed: only a refusal says no.
                ClientCalls.blockingServerStreamingCall(call, grpcMethod, options, request).hasNext();
            } else {
                ClientCalls.blockingUnaryCall(call, grpcMethod, options, request);
            }
            return Status.Code.OK;
        } catch (StatusRuntimeException refused) {
            return refused.getStatus().getCode();
        }
    }

    private static int gatewayStatus(String verb, String template, String token) throws Exception {
        String path = VARIABLE.matcher(template).replaceAll(m -> Matcher.quoteReplacement(
                fill(m.group(2) == null ? "*" : m.group(2))));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(15));
        request.method(verb, verb.equals("GET") || verb.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The request with every resource name in the path set to one in Leeds. */
    private static DynamicMessage requestAboutLeeds(Descriptor input, String template) {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(input);
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            setPath(request, m.group(1).split("\\."), 0, fill(m.group(2) == null ? "*" : m.group(2)));
        }
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

    /**
     * {@code commissions/*} → {@code commissions/leeds}; any further {@code *} → an id well formed for
     * every service (a lower-case UUID), so a refusal is about the caller, never about the name's form.
     */
    private static String fill(String pattern) {
        String filled = pattern.replaceFirst("\\*\\*?", "leeds");
        return filled.replace("**", "x1").replace("*", WELL_FORMED_ID);
    }

    private static String[] verbAndPath(HttpRule rule) {
        return switch (rule.getPatternCase()) {
            case GET -> new String[] {"GET", rule.getGet()};
            case POST -> new String[] {"POST", rule.getPost()};
            case PATCH -> new String[] {"PATCH", rule.getPatch()};
            case PUT -> new String[] {"PUT", rule.getPut()};
            case DELETE -> new String[] {"DELETE", rule.getDelete()};
            default -> new String[] {null, null};
        };
    }

    private static Marshaller<DynamicMessage> marshaller(Descriptor type) {
        return new Marshaller<>() {
            @Override
            public InputStream stream(DynamicMessage value) {
                return new ByteArrayInputStream(value.toByteArray());
            }

            @Override
            public DynamicMessage parse(InputStream stream) {
                try {
                    return DynamicMessage.parseFrom(type, stream);
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
