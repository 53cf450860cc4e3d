package org.chorus.gateway.transcoding;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.chorus.gateway.problem.Problem.FieldViolation;
import org.chorus.gateway.problem.ProblemException;
import org.chorus.gateway.problem.Problems;

/**
 * Reads a JSON request body into the request message with the proto3 JSON mapping ({@code JsonFormat},
 * unknown fields refused). When the body does not fit, it finds which fields are wrong, so the problem
 * can name them ({@code commission.display_name: Must be text.}) instead of repeating a parser's words.
 */
final class JsonBodyReader {

    /** Types the JSON mapping writes as something other than an object of their fields. */
    private static final Set<String> SPECIAL_JSON_TYPES = Set.of(
            "google.protobuf.Any", "google.protobuf.Timestamp", "google.protobuf.Duration",
            "google.protobuf.FieldMask", "google.protobuf.Struct", "google.protobuf.Value",
            "google.protobuf.ListValue", "google.protobuf.NullValue",
            "google.protobuf.StringValue", "google.protobuf.BytesValue", "google.protobuf.BoolValue",
            "google.protobuf.Int32Value", "google.protobuf.Int64Value", "google.protobuf.UInt32Value",
            "google.protobuf.UInt64Value", "google.protobuf.FloatValue", "google.protobuf.DoubleValue");

    private final JsonFormat.Parser parser;

    JsonBodyReader(JsonFormat.Parser parser) {
        this.parser = parser;
    }

    /**
     * @param body      the body bytes, UTF-8; empty means no body
     * @param request   the request being built
     * @param bodyField {@code "*"} for the whole request, else the proto path of the field the body fills
     */
    void merge(byte[] body, Message.Builder request, String bodyField) {
        String text = decodeUtf8(body);
        if (text.isBlank()) {
            return;
        }
        JsonElement tree = parseStrictly(text);
        JsonObject target;
        String prefix;
        if ("*".equals(bodyField)) {
            if (!tree.isJsonObject()) {
                throw Problems.badRequest("MALFORMED_JSON", "The request body must be a JSON object.", List.of());
            }
            target = tree.getAsJsonObject();
            prefix = "";
        } else {
            // The body is the value of one (possibly nested) field: wrap it so the same parser reads it.
            List<FieldDescriptor> path = FieldPaths.resolveProtoPath(request.getDescriptorForType(), bodyField).orElseThrow();
            JsonElement value = tree;
            for (int i = path.size() - 1; i >= 0; i--) {
                JsonObject wrapper = new JsonObject();
                wrapper.add(path.get(i).getName(), value);
                value = wrapper;
            }
            target = value.getAsJsonObject();
            prefix = "";
        }
        try {
            parser.merge(target.toString(), request);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            List<FieldViolation> violations = new ArrayList<>();
            locate(target, request.getDescriptorForType(), prefix, violations);
            throw Problems.badRequest(violations.isEmpty() ? "INVALID_JSON_BODY" : "INVALID_FIELD_VALUE",
                    "The request body does not fit this request. Check the fields named below and send it again.",
                    violations);
        }
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Problems.badRequest("MALFORMED_JSON", "The request body must be JSON in UTF-8.", List.of());
        }
    }

    private static JsonElement parseStrictly(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement tree = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw Problems.malformedJson();
            }
            return tree;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw Problems.malformedJson();
        } catch (ProblemException e) {
            throw e;
        }
    }

    /** Walks the JSON beside the descriptor and records each field that is unknown or does not parse. */
    private void locate(JsonObject object, Descriptors.Descriptor type, String prefix, List<FieldViolation> violations) {
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String key = entry.getKey();
            JsonElement value = entry.getValue();
            FieldDescriptor field = type.findFieldByName(key);
            if (field == null) {
                field = FieldPaths.findByJsonName(type, key);
            }
            if (field == null) {
                violations.add(new FieldViolation(prefix + key, "This field is not known. Check its spelling."));
                continue;
            }
            String path = prefix + field.getName();
            if (value.isJsonNull()) {
                continue;
            }
            boolean plainMessage = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !field.isMapField()
                    && !SPECIAL_JSON_TYPES.contains(field.getMessageType().getFullName());
            if (plainMessage && field.isRepeated() && value.isJsonArray()) {
                int index = 0;
                for (JsonElement item : value.getAsJsonArray()) {
                    String itemPath = path + "[" + index++ + "]";
                    if (item.isJsonObject()) {
                        locate(item.getAsJsonObject(), field.getMessageType(), itemPath + ".", violations);
                    } else if (!item.isJsonNull()) {
                        violations.add(new FieldViolation(itemPath, "Must be a JSON object."));
                    }
                }
            } else if (plainMessage && !field.isRepeated() && value.isJsonObject()) {
                locate(value.getAsJsonObject(), field.getMessageType(), path + ".", violations);
            } else if (!fieldParses(type, key, value)) {
                violations.add(new FieldViolation(path, ScalarValues.expectedInBody(field)));
            }
        }
    }

    private boolean fieldParses(Descriptors.Descriptor type, String key, JsonElement value) {
        JsonObject single = new JsonObject();
        single.add(key, value);
        try {
            parser.merge(single.toString(), DynamicMessage.newBuilder(type));
            return true;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return false;
        }
    }
}
