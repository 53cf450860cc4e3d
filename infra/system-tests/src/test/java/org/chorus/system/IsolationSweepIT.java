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
 * Every RPC of the contract that names a commission, called about Leeds by someone who belongs only
 * to Salford — through the gateway and straight at each service's gRPC port. Built from the
 * descriptor set, so a new RPC joins the sweep by itself. Any success is a leak. Prints
 * {@code isolation-check: attempts=<N> leaks=<L>}.
 */
class IsolationSweepIT {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_.]+)(?:=([^}]+))?}");
    static ChorusPlatform platform;
    static final List<ManagedChannel> channels = new ArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        // Leeds exists, so a refusal cannot be put down to its absence.
        new GatewayClient(platform.gatewayUrl()).post("/v1/commissions?commissionId=leeds",
                RealKeycloak.get().passwordToken("amara", "demo-password"), "{\"displayName\": \"Leeds Poverty Truth Commission\"}");
    }

    @AfterAll
    static void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void someoneFromAnotherCommissionGetsNothingFromAnyRpc() throws Exception {
        String priya = RealKeycloak.get().passwordToken("priya", "demo-password");
        String amara = RealKeycloak.get().passwordToken("amara", "demo-password");
        List<String> leaks = new ArrayList<>();
        int attempts = 0;
        int answeredTheCoordinator = 0;
        for (String service : ChorusPlatform.SERVICES) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().service(service).grpc())
                    .usePlaintext().build();
            channels.add(channel);
            for (ServiceDescriptor api : ProtoDescriptors.load(getClass().getClassLoader()).services("chorus." + service + ".")) {
                for (MethodDescriptor method : api.getMethods()) {
                    HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
                    String template = verbAndPath(rule)[1];
                    if (template == null || !template.contains("commissions/*")) {
                        continue;
                    }
                    attempts++;
                    if (grpcAnswers(channel, method, template, priya)) {
                        leaks.add(method.getFullName() + " over gRPC");
                    }
                    attempts++;
                    if (gatewayAnswers(rule, template, priya)) {
                        leaks.add(method.getFullName() + " through the gateway");
                    }
                    // The control: the same calls answer a coordinator, so a refusal above means something.
                    if (verbAndPath(rule)[0].equals("GET") && gatewayAnswers(rule, template, amara)
                            && grpcAnswers(channel, method, template, amara)) {
                        answeredTheCoordinator++;
                    }
                }
            }
        }

        System.out.println("isolation-check: attempts=" + attempts + " leaks=" + leaks.size());
        assertThat(attempts).as("the sweep found the commission-scoped RPCs").isGreaterThan(20);
        assertThat(answeredTheCoordinator).as("reads that answer the coordinator both ways").isGreaterThanOrEqualTo(3);
        assertThat(leaks).isEmpty();
    }

    /** True when the service answered with data (or any success) instead of refusing. */
    private static boolean grpcAnswers(ManagedChannel channel, MethodDescriptor method, String template, String token) {
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
                return ClientCalls.blockingServerStreamingCall(call, grpcMethod, options, request).hasNext();
            }
            ClientCalls.blockingUnaryCall(call, grpcMethod, options, request);
            return true;
        } catch (StatusRuntimeException refused) {
            Status.Code code = refused.getStatus().getCode();
            // Refusals; UNIMPLEMENTED is a service that does not serve its API yet.
            return !(code == Status.Code.PERMISSION_DENIED || code == Status.Code.NOT_FOUND
                    || code == Status.Code.UNIMPLEMENTED || code == Status.Code.INVALID_ARGUMENT);
        }
    }

    private boolean gatewayAnswers(HttpRule rule, String template, String token) throws Exception {
        String path = VARIABLE.matcher(template).replaceAll(m -> Matcher.quoteReplacement(
                fill(m.group(2) == null ? "*" : m.group(2))));
        String verb = verbAndPath(rule)[0];
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(15));
        request.method(verb, verb.equals("GET") || verb.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return status / 100 == 2;
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

    /** {@code commissions/*} → {@code commissions/leeds}; any further {@code *} → an id of the right form. */
    private static String fill(String pattern) {
        String filled = pattern.replaceFirst("\\*\\*?", "leeds");
        return filled.replace("**", "x1").replace("*", "a1-x");
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
