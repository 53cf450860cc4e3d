package org.chorus.gateway.transcoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.admission.Admission;
import org.chorus.gateway.backends.GrpcBackends;
import org.chorus.gateway.context.RequestIds;
import org.chorus.gateway.context.TraceContext;
import org.chorus.gateway.problem.GrpcProblems;
import org.chorus.gateway.problem.Problem;
import org.chorus.gateway.problem.ProblemException;
import org.chorus.gateway.problem.Problems;
import org.chorus.gateway.problem.Refused;
import org.chorus.gateway.resilience.BackendGuards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The last filter of every route of the JSON API (a {@link GatewayFilter}: it answers, nothing is proxied):
 * takes the contract route the request matched, makes the request message, calls the service, and answers
 * with the response as JSON, or with a problem. The request's size is checked here too, while its body is
 * read: SCG's RequestSize filter answers an empty 413 and trusts {@code Content-Length}, a chunked body included.
 */
public class TranscodingFilter implements GatewayFilter {

    private static final Logger log = LoggerFactory.getLogger(TranscodingFilter.class);

    private final RouteTable routes;
    private final RequestMessageFactory requests;
    private final ResilientCaller caller;
    private final GrpcBackends backends;
    private final JsonFormat.Printer printer;
    private final GatewayProperties properties;
    private final List<HttpMessageReader<?>> readers;
    private final ServerResponse.Context writers;
    /** One scheduler for each of the HTTP server's event loops (they are few and live as long as the server). */
    private final Map<Executor, Scheduler> loops = new ConcurrentHashMap<>();

    public TranscodingFilter(RouteTable routes, JsonFormat.TypeRegistry types, GrpcBackends backends, GatewayProperties properties,
                             Admission admission, BackendGuards guards, MeterRegistry meters, ServerCodecConfigurer codecs) {
        this.routes = routes;
        this.requests = new RequestMessageFactory(JsonFormat.parser().usingTypeRegistry(types));
        this.printer = JsonFormat.printer().usingTypeRegistry(types).omittingInsignificantWhitespace();
        this.backends = backends;
        this.caller = new ResilientCaller(new UnaryCaller(backends), new StreamingCaller(backends), admission, guards, properties, meters);
        this.properties = properties;
        this.readers = codecs.getReaders();
        List<HttpMessageWriter<?>> messageWriters = codecs.getWriters();
        this.writers = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return messageWriters;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return handle(ServerRequest.create(exchange, readers)).flatMap(response -> response.writeTo(exchange, writers));
    }

    /** What {@code /actuator/gateway/routes} shows. */
    @Override
    public String toString() {
        return "[TranscodingFilter: JSON to gRPC and back, from the google.api.http annotations]";
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        RouteTable.Match match = routes.match(request.exchange());
        return switch (match) {
            case RouteTable.Match.NotFound notFound -> Mono.error(Problems.noSuchRoute());
            case RouteTable.Match.MethodNotAllowed notAllowed -> Mono.error(new ProblemException(
                    Problem.of(405, "Method not allowed", "This address does not accept " + request.method().name()
                                    + ". It accepts " + String.join(", ", notAllowed.allowed()) + ".", "METHOD_NOT_ALLOWED")
                            .withHeader(HttpHeaders.ALLOW, String.join(", ", notAllowed.allowed()))));
            case RouteTable.Match.Found found -> transcode(request, found.route(), found.variables());
        };
    }

    private Mono<ServerResponse> transcode(ServerRequest request, HttpRoute route, Map<String, String> variables) {
        if (route.method().isClientStreaming()) {
            return Mono.error(Problems.notImplemented());
        }
        Metadata headers = grpcHeaders(request);
        if (route.method().isServerStreaming()) {
            return stream(request, route, variables, headers);
        }
        return readBody(request, route)
                .map(body -> requests.create(route, variables, queryOf(request), body))
                .flatMap(message -> caller.call(route, message, headers)
                        .publishOn(loopOf(request.exchange()))
                        .onErrorMap(error -> !isAnswer(error), error -> serviceProblem(request, route, error)))
                .switchIfEmpty(Mono.error(() -> serviceProblem(request, route, Status.INTERNAL.withDescription("no response").asRuntimeException())))
                .flatMap(response -> json(toJson(route, response)));
    }

    /**
     * A 200 with the JSON as its body, written as bytes: {@code bodyValue} would look for a codec among the writers
     * on every answer (about 4% of the gateway's CPU a request in the bench's profile).
     */
    private static Mono<ServerResponse> json(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .contentLength(bytes.length)
                .body((message, context) -> message.writeWith(Mono.just(message.bufferFactory().wrap(bytes))));
    }

    /**
     * The caller's connection's event loop, where the answer is made and written. Every answer from a service comes
     * in on the one transport thread of the gRPC channel to it; made there, the JSON, the response and the access
     * line of every request took turns on that thread (39% of the gateway's CPU samples in the bench's profile).
     * The answer has to reach the connection's loop to be written anyway, so the hop comes earlier, not in addition.
     * A stream's messages stay where they come in: gRPC's flow control paces them, and they are few.
     */
    private Scheduler loopOf(ServerWebExchange exchange) {
        if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection) {
            return loops.computeIfAbsent(connection.channel().eventLoop(), loop -> Schedulers.fromExecutor(loop::execute));
        }
        return Schedulers.immediate();
    }

    /** A server stream, as NDJSON or server-sent events ({@link StreamResponses}). */
    private Mono<ServerResponse> stream(ServerRequest request, HttpRoute route, Map<String, String> variables, Metadata headers) {
        MediaType mediaType = StreamResponses.choose(request.headers().accept());
        String requestId = RequestIds.of(request.exchange());
        return readBody(request, route)
                .map(body -> requests.create(route, variables, queryOf(request), body))
                .flatMap(message -> StreamResponses.respond(
                        caller.stream(route, message, headers)
                                .onErrorMap(error -> !isAnswer(error), error -> serviceProblem(request, route, error)),
                        response -> toJson(route, response), mediaType, requestId));
    }

    /** A problem or refusal the gateway answers as it is, not a failure of the call to the service. */
    private static boolean isAnswer(Throwable error) {
        return error instanceof ProblemException || error instanceof Refused;
    }

    /** The caller's token, the request id and the trace context, as gRPC metadata. */
    private static Metadata grpcHeaders(ServerRequest request) {
        Metadata headers = new Metadata();
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            headers.put(UnaryCaller.AUTHORIZATION, authorization);
        }
        String requestId = RequestIds.of(request.exchange());
        if (requestId != null) {
            headers.put(UnaryCaller.REQUEST_ID, requestId);
        }
        TraceContext.of(request.exchange()).forEachHeader(
                (name, value) -> headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        return headers;
    }

    private ProblemException serviceProblem(ServerRequest request, HttpRoute route, Throwable error) {
        TraceContext trace = TraceContext.of(request.exchange());
        String requestId = RequestIds.of(request.exchange());
        Status status = Status.fromThrowable(error);
        if (status.getCode() == Status.Code.UNAVAILABLE) {
            backends.nudgeReconnect(route.backend());
        }
        if (!(error instanceof io.grpc.StatusRuntimeException) && !(error instanceof io.grpc.StatusException)) {
            trace.describe(log.atError(), requestId).setCause(error).log("Calling {} failed", route.method().getFullName());
        } else if (GrpcProblems.httpStatus(status.getCode()) >= 500) {
            trace.describe(log.atWarn(), requestId)
                    .log("{} failed with {}: {}", route.method().getFullName(), status.getCode(), status.getDescription());
        }
        return new ProblemException(GrpcProblems.toProblem(error, route.backend(), properties.retryAfter()));
    }

    private static Map<String, List<String>> queryOf(ServerRequest request) {
        MultiValueMap<String, String> params = request.queryParams();
        Map<String, List<String>> query = new LinkedHashMap<>();
        params.forEach((name, values) -> query.put(name, values.stream().map(v -> v == null ? "" : v).toList()));
        return query;
    }

    private Mono<byte[]> readBody(ServerRequest request, HttpRoute route) {
        if (!route.hasBody()) {
            return Mono.just(new byte[0]);
        }
        long max = properties.maxBodySize().toBytes();
        HttpHeaders headers = request.exchange().getRequest().getHeaders();
        if (headers.getContentLength() > max) {
            return Mono.error(Problems.bodyTooLarge(max));
        }
        MediaType contentType = headers.getContentType();
        boolean hasBody = headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (contentType == null ? hasBody : !isJson(contentType)) {
            return Mono.error(Problems.unsupportedMediaType());
        }
        return DataBufferUtils.join(request.exchange().getRequest().getBody(), (int) Math.min(max, Integer.MAX_VALUE))
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .onErrorMap(DataBufferLimitException.class, e -> Problems.bodyTooLarge(max))
                .defaultIfEmpty(new byte[0]);
    }

    private static boolean isJson(MediaType type) {
        return MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
    }

    private String toJson(HttpRoute route, DynamicMessage response) {
        try {
            String json = printer.print(response);
            if (route.responseBody().isEmpty()) {
                return json;
            }
            String field = route.method().getOutputType().findFieldByName(route.responseBody()).getJsonName();
            JsonElement value = JsonParser.parseString(json).getAsJsonObject().get(field);
            return value == null ? "null" : value.toString();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Cannot write the answer of " + route.method().getFullName() + " as JSON", e);
        }
    }
}
