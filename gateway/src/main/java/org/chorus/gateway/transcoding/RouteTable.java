package org.chorus.gateway.transcoding;

import org.chorus.contract.ProtoDescriptors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import org.chorus.gateway.context.RouteAttributes;

import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every HTTP route of the contract, made from the {@code google.api.http} annotation of every method of
 * every service in a {@code chorus.*} package (and its {@code additional_bindings}). Nothing here knows any
 * particular service: a new RPC with an annotation is a new route.
 */
public final class RouteTable {

    /** Services whose package starts with this are served. */
    public static final String PACKAGE_PREFIX = "chorus.";

    private static final String MATCH = RouteTable.class.getName() + ".match";

    private final List<HttpRoute> routes;

    RouteTable(List<HttpRoute> routes) {
        // Most specific first: a custom verb, then more literal segments.
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((HttpRoute r) -> r.template().literalCount()).reversed())
                .toList();
    }

    public static RouteTable from(ProtoDescriptors descriptors) {
        List<HttpRoute> routes = new ArrayList<>();
        for (Descriptors.ServiceDescriptor service : descriptors.services(PACKAGE_PREFIX)) {
            String backend = backendOf(service.getFile().getPackage());
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                if (!method.getOptions().hasExtension(AnnotationsProto.http)) {
                    continue;
                }
                HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
                MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod = grpcMethod(method);
                addRoute(routes, rule, method, backend, grpcMethod);
                for (HttpRule additional : rule.getAdditionalBindingsList()) {
                    addRoute(routes, additional, method, backend, grpcMethod);
                }
            }
        }
        return new RouteTable(routes);
    }

    /** {@code chorus.commissions.v1} → {@code commissions}. */
    public static String backendOf(String protoPackage) {
        String[] parts = protoPackage.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("A Chorus package is chorus.<service>.<version>: " + protoPackage);
        }
        return parts[1];
    }

    private static void addRoute(List<HttpRoute> routes, HttpRule rule, Descriptors.MethodDescriptor method,
                                 String backend, MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod) {
        HttpMethod httpMethod;
        String path;
        switch (rule.getPatternCase()) {
            case GET -> { httpMethod = HttpMethod.GET; path = rule.getGet(); }
            case PUT -> { httpMethod = HttpMethod.PUT; path = rule.getPut(); }
            case POST -> { httpMethod = HttpMethod.POST; path = rule.getPost(); }
            case DELETE -> { httpMethod = HttpMethod.DELETE; path = rule.getDelete(); }
            case PATCH -> { httpMethod = HttpMethod.PATCH; path = rule.getPatch(); }
            case CUSTOM -> { httpMethod = HttpMethod.valueOf(rule.getCustom().getKind()); path = rule.getCustom().getPath(); }
            default -> {
                return;
            }
        }
        PathTemplate template;
        try {
            template = PathTemplate.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The HTTP rule of " + method.getFullName() + " is not valid: " + e.getMessage(), e);
        }
        Descriptors.Descriptor input = method.getInputType();
        for (String variable : template.variables()) {
            FieldPaths.resolveProtoPath(input, variable)
                    .orElseThrow(() -> new IllegalStateException(method.getFullName() + " binds " + variable
                            + ", which is not a field of " + input.getFullName()));
        }
        String body = rule.getBody();
        if (!body.isEmpty() && !"*".equals(body) && FieldPaths.resolveProtoPath(input, body).isEmpty()) {
            throw new IllegalStateException(method.getFullName() + " takes its body into " + body
                    + ", which is not a field of " + input.getFullName());
        }
        routes.add(new HttpRoute(httpMethod, template, method, body, rule.getResponseBody(), backend, grpcMethod));
    }

    static MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod(Descriptors.MethodDescriptor method) {
        MethodDescriptor.MethodType type = method.isClientStreaming()
                ? (method.isServerStreaming() ? MethodDescriptor.MethodType.BIDI_STREAMING : MethodDescriptor.MethodType.CLIENT_STREAMING)
                : (method.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING : MethodDescriptor.MethodType.UNARY);
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
                // gRPC's own marshaller writes a message straight into the frame and parses from the frame's bytes,
                // with no copy through a buffer of its own; a DynamicMessage's parser builds its descriptor's type.
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    /**
     * The route of a JSON request, found once and kept on the exchange (SCG's route predicates, the rate limits'
     * key and the transcoding filter all ask); a found route is also named for the access log and metrics.
     */
    public Match match(ServerWebExchange exchange) {
        Match known = exchange.getAttribute(MATCH);
        if (known == null) {
            known = match(exchange.getRequest().getMethod(), exchange.getRequest().getPath().pathWithinApplication().value());
            exchange.getAttributes().put(MATCH, known);
            if (known instanceof Match.Found found) {
                exchange.getAttributes().put(RouteAttributes.ROUTE, found.route().describe());
                exchange.getAttributes().put(RouteAttributes.TEMPLATE, found.route().template().toString());
                exchange.getAttributes().put(RouteAttributes.BACKEND, found.route().backend());
            }
        }
        return known;
    }

    /** Finds the route for a request; the raw path is still percent-encoded and has no query string. */
    public Match match(HttpMethod httpMethod, String rawPath) {
        String[] segments = PathTemplate.segmentsOf(rawPath);
        Set<String> allowed = new TreeSet<>();
        for (HttpRoute route : routes) {
            Optional<Map<String, String>> variables = route.template().match(segments);
            if (variables.isEmpty()) {
                continue;
            }
            if (route.httpMethod().equals(httpMethod)) {
                return new Match.Found(route, variables.get());
            }
            allowed.add(route.httpMethod().name());
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(allowed);
    }

    /** What a request path and verb lead to. */
    public sealed interface Match {
        record Found(HttpRoute route, Map<String, String> variables) implements Match {
        }

        record MethodNotAllowed(Set<String> allowed) implements Match {
        }

        record NotFound() implements Match {
        }
    }
}
