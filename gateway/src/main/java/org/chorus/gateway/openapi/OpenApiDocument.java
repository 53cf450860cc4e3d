package org.chorus.gateway.openapi;

import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.gateway.transcoding.HttpRoute;
import org.chorus.gateway.transcoding.RouteTable;

/**
 * The OpenAPI 3.1 document of the JSON API, made from the same descriptors and routes that the gateway
 * serves, so it cannot drift from them. Schemas follow the proto3 JSON mapping: lowerCamel names, enums as
 * their names, 64-bit integers as strings, {@code Timestamp} as a date-time string, {@code Duration} and
 * {@code FieldMask} as strings, wrappers as their value; other messages ({@code google.type.Date},
 * {@code google.type.Money}, …) as objects. Descriptions are the proto comments.
 */
public final class OpenApiDocument {

    static final String PROBLEM = "Problem";
    /** The enum whose values are every {@code reason} a problem can carry. */
    static final String ERROR_REASON = "chorus.platform.v1.ErrorReason";
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_.]+)(?:=([^}]*))?}");

    private final SourceComments comments;
    private final Descriptors.EnumDescriptor errorReasons;
    private final JsonObject schemas = new JsonObject();
    private final Set<String> schemasMade = new HashSet<>();

    private OpenApiDocument(ProtoDescriptors descriptors) {
        this.comments = new SourceComments(descriptors.files());
        this.errorReasons = errorReasons(descriptors);
    }

    private static Descriptors.EnumDescriptor errorReasons(ProtoDescriptors descriptors) {
        return descriptors.files().stream()
                .flatMap(file -> file.getEnumTypes().stream())
                .filter(type -> type.getFullName().equals(ERROR_REASON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The descriptor set lacks " + ERROR_REASON
                        + ", which lists the reasons a problem can carry"));
    }

    /** The document as JSON text. */
    public static String generate(ProtoDescriptors descriptors, RouteTable routes) {
        return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create()
                .toJson(new OpenApiDocument(descriptors).build(descriptors, routes));
    }

    private JsonObject build(ProtoDescriptors descriptors, RouteTable routes) {
        JsonObject doc = new JsonObject();
        doc.addProperty("openapi", "3.1.0");
        JsonObject info = new JsonObject();
        info.addProperty("title", "Chorus API");
        info.addProperty("version", "v1");
        info.addProperty("description", "The Chorus contract served as JSON. Made from the protos in proto/: "
                + "each RPC with a google.api.http annotation is one operation. Errors are RFC 9457 problem+json.");
        doc.add("info", info);
        JsonArray security = new JsonArray();
        JsonObject bearer = new JsonObject();
        bearer.add("bearer", new JsonArray());
        security.add(bearer);
        doc.add("security", security);

        JsonArray tags = new JsonArray();
        for (Descriptors.ServiceDescriptor service : descriptors.services(RouteTable.PACKAGE_PREFIX)) {
            JsonObject tag = new JsonObject();
            tag.addProperty("name", service.getName());
            describe(tag, service.getFullName());
            tags.add(tag);
        }
        doc.add("tags", tags);

        JsonObject paths = new JsonObject();
        Map<String, Integer> operationIds = new LinkedHashMap<>();
        List<HttpRoute> sorted = new ArrayList<>(routes.routes());
        sorted.sort(java.util.Comparator.comparing((HttpRoute r) -> r.template().toString()).thenComparing(r -> r.httpMethod().name()));
        for (HttpRoute route : sorted) {
            OpenApiPath path = OpenApiPath.of(route.template().toString());
            JsonObject item = paths.has(path.path()) ? paths.getAsJsonObject(path.path()) : new JsonObject();
            paths.add(path.path(), item);
            int seen = operationIds.merge(route.method().getName(), 1, Integer::sum);
            item.add(route.httpMethod().name().toLowerCase(java.util.Locale.ROOT),
                    operation(route, path, seen == 1 ? route.method().getName() : route.method().getName() + "_" + seen));
        }
        doc.add("paths", paths);

        JsonObject components = new JsonObject();
        schemas.add(PROBLEM, problemSchema());
        components.add("schemas", schemas);
        components.add("responses", problemResponses());
        JsonObject schemes = new JsonObject();
        JsonObject scheme = new JsonObject();
        scheme.addProperty("type", "http");
        scheme.addProperty("scheme", "bearer");
        scheme.addProperty("bearerFormat", "JWT");
        scheme.addProperty("description", "An access token from the Chorus realm (Keycloak), for the audience chorus.");
        schemes.add("bearer", scheme);
        components.add("securitySchemes", schemes);
        doc.add("components", components);
        return doc;
    }

    private JsonObject operation(HttpRoute route, OpenApiPath path, String operationId) {
        Descriptors.MethodDescriptor method = route.method();
        JsonObject op = new JsonObject();
        op.addProperty("operationId", operationId);
        JsonArray tags = new JsonArray();
        tags.add(method.getService().getName());
        op.add("tags", tags);
        op.addProperty("summary", method.getName());
        String description = comments.of(method.getFullName());
        String grpc = "gRPC: `" + method.getService().getFullName() + "/" + method.getName() + "`.";
        if (method.isClientStreaming()) {
            grpc += " It takes a stream of requests, which JSON cannot send (answers 501); use gRPC.";
        } else if (method.isServerStreaming()) {
            grpc += " " + STREAM_DESCRIPTION;
        }
        op.addProperty("description", description == null ? grpc : description + "\n\n" + grpc);

        Descriptors.Descriptor input = method.getInputType();
        JsonArray parameters = new JsonArray();
        Set<String> bound = new HashSet<>();
        for (OpenApiPath.Parameter p : path.parameters()) {
            JsonObject parameter = new JsonObject();
            parameter.addProperty("name", p.name());
            parameter.addProperty("in", "path");
            parameter.addProperty("required", true);
            String field = p.field();
            bound.add(field);
            String fieldComment = fieldComment(input, field);
            parameter.addProperty("description", "Part of `" + field + "` (`" + p.pattern() + "`)."
                    + (fieldComment == null ? "" : " " + fieldComment));
            JsonObject schema = new JsonObject();
            schema.addProperty("type", "string");
            parameter.add("schema", schema);
            parameters.add(parameter);
        }
        if (!"*".equals(route.body())) {
            for (FieldDescriptor field : input.getFields()) {
                if (bound.contains(field.getName()) || field.getName().equals(route.body())) {
                    continue;
                }
                addQueryParameters(parameters, field, field.getJsonName(), 0);
            }
        }
        if (!parameters.isEmpty()) {
            op.add("parameters", parameters);
        }
        if (route.hasBody()) {
            JsonObject schema = "*".equals(route.body())
                    ? ref(input)
                    : fieldSchema(input.findFieldByName(route.body()));
            JsonObject requestBody = new JsonObject();
            requestBody.addProperty("required", true);
            requestBody.add("content", content("application/json", schema));
            op.add("requestBody", requestBody);
        }
        JsonObject responses = new JsonObject();
        JsonObject ok = new JsonObject();
        ok.addProperty("description", "OK");
        Descriptors.Descriptor output = method.getOutputType();
        JsonObject outSchema = route.responseBody().isEmpty() ? ref(output) : fieldSchema(output.findFieldByName(route.responseBody()));
        if (method.isServerStreaming()) {
            ok.addProperty("description", "A stream of messages, each flushed as it comes; see the operation's description.");
            ok.add("content", streamContent(outSchema));
        } else {
            ok.add("content", content("application/json", outSchema));
        }
        responses.add("200", ok);
        for (String status : List.of("400", "401", "403", "404", "409", "429", "503", "504")) {
            JsonObject r = new JsonObject();
            r.addProperty("$ref", "#/components/responses/" + status);
            responses.add(status, r);
        }
        JsonObject fallback = new JsonObject();
        fallback.addProperty("$ref", "#/components/responses/default");
        responses.add("default", fallback);
        op.add("responses", responses);
        return op;
    }

    private void addQueryParameters(JsonArray parameters, FieldDescriptor field, String name, int depth) {
        if (field.isMapField()) {
            return;
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !WellKnown.isScalarLike(field.getMessageType())) {
            if (depth < 2 && !field.isRepeated()) {
                for (FieldDescriptor inner : field.getMessageType().getFields()) {
                    addQueryParameters(parameters, inner, name + "." + inner.getJsonName(), depth + 1);
                }
            }
            return;
        }
        JsonObject parameter = new JsonObject();
        parameter.addProperty("name", name);
        parameter.addProperty("in", "query");
        describe(parameter, field.getFullName());
        parameter.add("schema", fieldSchema(field));
        if (field.isRepeated()) {
            parameter.addProperty("explode", true);
        }
        parameters.add(parameter);
    }

    private String fieldComment(Descriptors.Descriptor message, String path) {
        Descriptors.Descriptor current = message;
        FieldDescriptor field = null;
        for (String part : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            field = current.findFieldByName(part);
            if (field == null) {
                return null;
            }
            current = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        return field == null ? null : comments.of(field.getFullName());
    }

    private JsonObject fieldSchema(FieldDescriptor field) {
        JsonObject schema;
        if (field.isMapField()) {
            schema = new JsonObject();
            schema.addProperty("type", "object");
            schema.add("additionalProperties", single(field.getMessageType().findFieldByName("value")));
        } else if (field.isRepeated()) {
            schema = new JsonObject();
            schema.addProperty("type", "array");
            schema.add("items", single(field));
        } else {
            schema = single(field);
        }
        describe(schema, field.getFullName());
        List<FieldBehavior> behaviors = field.getOptions().getExtension(FieldBehaviorProto.fieldBehavior);
        if (behaviors.contains(FieldBehavior.OUTPUT_ONLY)) {
            schema.addProperty("readOnly", true);
        }
        if (behaviors.contains(FieldBehavior.INPUT_ONLY)) {
            schema.addProperty("writeOnly", true);
        }
        return schema;
    }

    /** The schema of one value of a field (not the array or map around it). */
    private JsonObject single(FieldDescriptor field) {
        JsonObject schema = new JsonObject();
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> { schema.addProperty("type", "integer"); schema.addProperty("format", "int32"); }
            case UINT32, FIXED32 -> { schema.addProperty("type", "integer"); schema.addProperty("format", "int64"); schema.addProperty("minimum", 0); }
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> {
                // proto3 JSON writes 64-bit integers as decimal strings (and accepts numbers).
                schema.addProperty("type", "string");
                schema.addProperty("format", field.getType().name().startsWith("U") || field.getType().name().startsWith("FIXED") ? "uint64" : "int64");
            }
            case FLOAT -> { schema.addProperty("type", "number"); schema.addProperty("format", "float"); }
            case DOUBLE -> { schema.addProperty("type", "number"); schema.addProperty("format", "double"); }
            case BOOL -> schema.addProperty("type", "boolean");
            case STRING -> schema.addProperty("type", "string");
            case BYTES -> { schema.addProperty("type", "string"); schema.addProperty("contentEncoding", "base64"); }
            case ENUM -> { return ref(field.getEnumType()); }
            case MESSAGE, GROUP -> {
                JsonObject wellKnown = WellKnown.schema(field.getMessageType());
                return wellKnown != null ? wellKnown : ref(field.getMessageType());
            }
        }
        return schema;
    }

    private JsonObject ref(Descriptors.Descriptor message) {
        JsonObject wellKnown = WellKnown.schema(message);
        if (wellKnown != null) {
            return wellKnown;
        }
        if (schemasMade.add(message.getFullName())) {
            JsonObject schema = new JsonObject();
            schema.addProperty("type", "object");
            describe(schema, message.getFullName());
            JsonObject properties = new JsonObject();
            JsonArray required = new JsonArray();
            for (FieldDescriptor field : message.getFields()) {
                properties.add(field.getJsonName(), fieldSchema(field));
                if (field.getOptions().getExtension(FieldBehaviorProto.fieldBehavior).contains(FieldBehavior.REQUIRED)) {
                    required.add(field.getJsonName());
                }
            }
            schema.add("properties", properties);
            if (!required.isEmpty()) {
                schema.add("required", required);
            }
            schema.addProperty("additionalProperties", false);
            schemas.add(message.getFullName(), schema);
        }
        return refTo(message.getFullName());
    }

    private JsonObject ref(Descriptors.EnumDescriptor type) {
        if (schemasMade.add(type.getFullName())) {
            JsonObject schema = new JsonObject();
            schema.addProperty("type", "string");
            JsonArray values = new JsonArray();
            StringBuilder description = new StringBuilder(comments.of(type.getFullName()) == null ? "" : comments.of(type.getFullName()));
            for (Descriptors.EnumValueDescriptor value : type.getValues()) {
                values.add(value.getName());
                String comment = comments.of(type.getFullName() + "." + value.getName());
                if (comment != null) {
                    description.append(description.isEmpty() ? "" : "\n\n").append("- `").append(value.getName()).append("`: ").append(comment);
                }
            }
            schema.add("enum", values);
            if (!description.isEmpty()) {
                schema.addProperty("description", description.toString());
            }
            schemas.add(type.getFullName(), schema);
        }
        return refTo(type.getFullName());
    }

    private static JsonObject refTo(String name) {
        JsonObject ref = new JsonObject();
        ref.addProperty("$ref", "#/components/schemas/" + name);
        return ref;
    }

    private void describe(JsonObject target, String fullName) {
        String comment = comments.of(fullName);
        if (comment != null) {
            target.addProperty("description", comment);
        }
    }

    private static JsonObject content(String mediaType, JsonObject schema) {
        JsonObject media = new JsonObject();
        media.add("schema", schema);
        JsonObject content = new JsonObject();
        content.add(mediaType, media);
        return content;
    }

    /** How a server stream is answered; the gateway's StreamResponses does what this says. */
    static final String STREAM_DESCRIPTION = "A server stream: the answer is `application/x-ndjson` by default, one message "
            + "as JSON per line, or server-sent events when the request says `Accept: text/event-stream`, one `data:` "
            + "event per message. Each message is sent as soon as the service sends it. An error before the first "
            + "message is an ordinary problem+json answer with its status. An error after messages have been sent "
            + "comes in-band as the last item, carrying the same problem document: in NDJSON the last line is "
            + "`{\"error\": {…problem…}}`, in server-sent events it is an `event: error` whose data is the problem. "
            + "A stream that ends without such an item ended well. Closing the connection cancels the call. "
            + "The stream's time limit is the route's (60 s unless configured).";

    /** The content of a stream's 200 answer: each NDJSON line (and each event's data) is one message. */
    private static JsonObject streamContent(JsonObject messageSchema) {
        JsonObject content = new JsonObject();
        JsonObject ndjson = new JsonObject();
        JsonObject lines = new JsonObject();
        lines.addProperty("description", "Newline-delimited JSON: each line is one message of this schema, or a last line "
                + "`{\"error\": Problem}` when the stream failed part-way.");
        lines.add("oneOf", array(messageSchema, errorLineSchema()));
        ndjson.add("schema", lines);
        content.add("application/x-ndjson", ndjson);
        JsonObject sse = new JsonObject();
        JsonObject events = new JsonObject();
        events.addProperty("type", "string");
        events.addProperty("description", "Server-sent events: each `data:` line of an event holds one message as JSON; "
                + "a last `event: error` holds a Problem when the stream failed part-way.");
        sse.add("schema", events);
        content.add("text/event-stream", sse);
        return content;
    }

    private static JsonObject errorLineSchema() {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "object");
        schema.addProperty("description", "The last line of a stream that failed after messages were sent.");
        JsonObject properties = new JsonObject();
        properties.add("error", refTo(PROBLEM));
        schema.add("properties", properties);
        JsonArray required = new JsonArray();
        required.add("error");
        schema.add("required", required);
        schema.addProperty("additionalProperties", false);
        return schema;
    }

    private static JsonArray array(JsonObject... items) {
        JsonArray array = new JsonArray();
        for (JsonObject item : items) {
            array.add(item);
        }
        return array;
    }

    private JsonObject problemSchema() {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "object");
        schema.addProperty("description", "An error, as RFC 9457 problem details. Quote requestId to support.");
        JsonObject properties = new JsonObject();
        properties.add("type", typed("string", "A URI naming the kind of problem; about:blank when there is no reason."));
        properties.add("title", typed("string", "A few plain words about the kind of error."));
        properties.add("status", typed("integer", "The HTTP status."));
        properties.add("detail", typed("string", "A sentence a person can act on."));
        properties.add("reason", reasonSchema());
        JsonObject violations = typed("array", "The fields that were wrong.");
        JsonObject violation = new JsonObject();
        violation.addProperty("type", "object");
        JsonObject vp = new JsonObject();
        vp.add("field", typed("string", "The field's path, such as commission.display_name."));
        vp.add("description", typed("string", "What is wrong with it."));
        violation.add("properties", vp);
        violations.add("items", violation);
        properties.add("fieldViolations", violations);
        properties.add("requestId", typed("string", "The id of the request, also in the X-Request-Id header."));
        schema.add("properties", properties);
        JsonArray required = new JsonArray();
        List.of("type", "title", "status", "detail").forEach(required::add);
        schema.add("required", required);
        return schema;
    }

    /**
     * The {@code reason} of a problem: one of the {@code ErrorReason} values (not the zero value, which is never
     * sent), each explained in the description as a list, and in {@code x-enum-descriptions}, in the same order
     * as {@code enum}, for code generators.
     */
    private JsonObject reasonSchema() {
        StringBuilder description = new StringBuilder("Why the request was refused, for programs to branch on: the "
                + "reason of the google.rpc.ErrorInfo (" + ERROR_REASON + "). Left out when there is none. "
                + "The reasons, when each happens and what to do:");
        JsonArray values = new JsonArray();
        JsonArray explained = new JsonArray();
        for (Descriptors.EnumValueDescriptor value : errorReasons.getValues()) {
            if (value.getNumber() == 0) {
                continue;
            }
            String comment = comments.of(ERROR_REASON + "." + value.getName());
            values.add(value.getName());
            explained.add(comment == null ? "" : comment);
            description.append(values.size() == 1 ? "\n\n" : "\n").append("- `").append(value.getName()).append('`')
                    .append(comment == null ? "" : ": " + comment);
        }
        JsonObject schema = typed("string", description.toString());
        schema.add("enum", values);
        schema.add("x-enum-descriptions", explained);
        return schema;
    }

    private static JsonObject typed(String type, String description) {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", type);
        schema.addProperty("description", description);
        return schema;
    }

    private static JsonObject problemResponses() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("400", "The request is not valid; fieldViolations say which fields.");
        texts.put("401", "No valid access token.");
        texts.put("403", "The token does not allow this.");
        texts.put("404", "Not found, or no such route.");
        texts.put("409", "Already exists, or changed by someone else.");
        texts.put("429", "Too many requests; see the RateLimit-* and Retry-After headers.");
        texts.put("503", "The service cannot be reached or its circuit breaker is open; see Retry-After.");
        texts.put("504", "The service took longer than the route's deadline.");
        texts.put("default", "Any other error, as problem+json.");
        JsonObject responses = new JsonObject();
        texts.forEach((status, text) -> {
            JsonObject response = new JsonObject();
            response.addProperty("description", text);
            response.add("content", content("application/problem+json", refTo(PROBLEM)));
            responses.add(status, response);
        });
        return responses;
    }

    /** A path template turned into an OpenAPI path with one parameter per wildcard. */
    public record OpenApiPath(String path, List<Parameter> parameters) {

        public record Parameter(String name, String field, String pattern) {
        }

        /** {@code /v1/{name=commissions/*}/claims:approve} → {@code /v1/commissions/{commission}/claims:approve}. */
        public static OpenApiPath of(String template) {
            StringBuilder path = new StringBuilder();
            List<Parameter> parameters = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Matcher m = VARIABLE.matcher(template);
            int last = 0;
            while (m.find()) {
                path.append(template, last, m.start());
                String field = m.group(1);
                String pattern = m.group(2) == null ? "*" : m.group(2);
                String[] segments = pattern.split("/");
                String previous = null;
                List<String> parts = new ArrayList<>();
                for (String segment : segments) {
                    if (segment.equals("*") || segment.equals("**")) {
                        String base = previous == null ? field.replace('.', '_')
                                : previous.endsWith("s") ? previous.substring(0, previous.length() - 1) : previous + "Id";
                        String name = base;
                        for (int i = 2; !names.add(name); i++) {
                            name = base + i;
                        }
                        parts.add("{" + name + "}");
                        parameters.add(new Parameter(name, field, pattern));
                    } else {
                        parts.add(segment);
                    }
                    previous = segment;
                }
                path.append(String.join("/", parts));
                last = m.end();
            }
            path.append(template.substring(last));
            return new OpenApiPath(path.toString(), parameters);
        }
    }
}
