package org.chorus.gateway.transcoding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.chorus.gateway.problem.Problem.FieldViolation;

/**
 * Binds query parameters to the request fields that neither the path nor the body covers:
 * {@code ?page_size=10}, {@code ?pageSize=10}, {@code ?filter.state=ACTIVE}, {@code ?ids=a&ids=b}.
 * Names may be proto or JSON (lowerCamel) names, dotted for nested fields. Scalars and enums (by name or
 * number) are parsed here; well-known types that JSON writes as a string (Timestamp, Duration, FieldMask,
 * wrappers) are parsed as that JSON string. Anything else is refused with a field violation.
 */
final class QueryParameterBinder {

    private static final Set<String> STRING_LIKE_TYPES = Set.of(
            "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
            "google.protobuf.StringValue", "google.protobuf.BytesValue", "google.protobuf.BoolValue",
            "google.protobuf.Int32Value", "google.protobuf.Int64Value", "google.protobuf.UInt32Value",
            "google.protobuf.UInt64Value", "google.protobuf.FloatValue", "google.protobuf.DoubleValue");

    private final JsonFormat.Parser parser;

    QueryParameterBinder(JsonFormat.Parser parser) {
        this.parser = parser;
    }

    /**
     * @param request  the request being built
     * @param query    the decoded query parameters
     * @param covered  proto paths bound elsewhere (path variables, the body field; {@code "*"} for all)
     * @return what was wrong, one violation per parameter; empty when all bound
     */
    List<FieldViolation> bind(Message.Builder request, Map<String, List<String>> query, Collection<String> covered) {
        List<FieldViolation> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            List<String> values = parameter.getValue();
            Optional<List<FieldDescriptor>> resolved = FieldPaths.resolveAnyNames(request.getDescriptorForType(), name);
            if (resolved.isEmpty()) {
                violations.add(new FieldViolation(name, "This query parameter is not known. Check its spelling."));
                continue;
            }
            List<FieldDescriptor> path = resolved.get();
            String protoPath = FieldPaths.protoPath(path);
            if (isCovered(protoPath, covered)) {
                violations.add(new FieldViolation(protoPath, "This field cannot be given in the query string here."));
                continue;
            }
            FieldDescriptor leaf = path.getLast();
            if (leaf.isMapField()
                    || (leaf.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                        && !STRING_LIKE_TYPES.contains(leaf.getMessageType().getFullName()))) {
                violations.add(new FieldViolation(protoPath, "This field cannot be given in the query string; send it in the body."));
                continue;
            }
            if (!leaf.isRepeated() && values.size() > 1) {
                violations.add(new FieldViolation(protoPath, "Give this query parameter only once."));
                continue;
            }
            try {
                for (String value : values) {
                    setOrAdd(request, path, value);
                }
            } catch (BindingFailed e) {
                violations.add(new FieldViolation(protoPath, e.getMessage()));
            }
        }
        return violations;
    }

    /** Sets (or, for a repeated field, adds) one value from text, at a field path. */
    void setOrAdd(Message.Builder request, List<FieldDescriptor> path, String text) throws BindingFailed {
        BindingFailed[] failure = new BindingFailed[1];
        FieldPaths.update(request, path, (holder, field) -> {
            try {
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    JsonObject json = new JsonObject();
                    if (field.isRepeated()) {
                        JsonArray array = new JsonArray();
                        array.add(text);
                        json.add(field.getJsonName(), array);
                    } else {
                        json.addProperty(field.getJsonName(), text);
                    }
                    parser.merge(json.toString(), holder);
                } else if (field.isRepeated()) {
                    holder.addRepeatedField(field, ScalarValues.parse(field, text));
                } else {
                    holder.setField(field, ScalarValues.parse(field, text));
                }
            } catch (ScalarValues.NotAValue e) {
                failure[0] = new BindingFailed(e.getMessage());
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                failure[0] = new BindingFailed(ScalarValues.expected(field));
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static boolean isCovered(String protoPath, Collection<String> covered) {
        for (String path : covered) {
            if ("*".equals(path) || protoPath.equals(path) || protoPath.startsWith(path + ".") || path.startsWith(protoPath + ".")) {
                return true;
            }
        }
        return false;
    }

    /** A value that does not fit its field; the message says what would. */
    static final class BindingFailed extends Exception {
        BindingFailed(String message) {
            super(message, null, false, false);
        }
    }
}
