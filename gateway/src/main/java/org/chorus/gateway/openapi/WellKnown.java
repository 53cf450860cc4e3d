package org.chorus.gateway.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors;

/** The proto3 JSON forms of {@code google.protobuf} well-known types, as JSON Schema. */
final class WellKnown {

    private WellKnown() {
    }

    /** True for types written as one JSON value (so a query parameter can carry them). */
    static boolean isScalarLike(Descriptors.Descriptor type) {
        JsonObject schema = schema(type);
        if (schema == null || !schema.has("type")) {
            return false;
        }
        if (schema.get("type").isJsonArray()) {
            return true;
        }
        String kind = schema.get("type").getAsString();
        return !"object".equals(kind) && !"array".equals(kind);
    }

    static JsonObject schema(Descriptors.Descriptor type) {
        JsonObject schema = new JsonObject();
        switch (type.getFullName()) {
            case "google.protobuf.Timestamp" -> {
                schema.addProperty("type", "string");
                schema.addProperty("format", "date-time");
                schema.addProperty("description", "An RFC 3339 time in UTC, such as 2026-03-14T10:00:00Z.");
            }
            case "google.protobuf.Duration" -> {
                schema.addProperty("type", "string");
                schema.addProperty("pattern", "^-?[0-9]+(\\.[0-9]{1,9})?s$");
                schema.addProperty("description", "Seconds with an s, such as 1.5s.");
            }
            case "google.protobuf.FieldMask" -> {
                schema.addProperty("type", "string");
                schema.addProperty("description", "Field paths in lowerCamel, comma-separated, such as displayName,place.");
            }
            case "google.protobuf.StringValue", "google.protobuf.BytesValue" -> nullable(schema, "string");
            case "google.protobuf.BoolValue" -> nullable(schema, "boolean");
            case "google.protobuf.Int32Value", "google.protobuf.UInt32Value" -> nullable(schema, "integer");
            case "google.protobuf.Int64Value", "google.protobuf.UInt64Value" -> nullable(schema, "string");
            case "google.protobuf.FloatValue", "google.protobuf.DoubleValue" -> nullable(schema, "number");
            case "google.protobuf.Struct", "google.protobuf.Empty" -> schema.addProperty("type", "object");
            case "google.protobuf.ListValue" -> schema.addProperty("type", "array");
            case "google.protobuf.Value" -> schema.addProperty("description", "Any JSON value.");
            case "google.protobuf.Any" -> {
                schema.addProperty("type", "object");
                JsonObject properties = new JsonObject();
                JsonObject typeUrl = new JsonObject();
                typeUrl.addProperty("type", "string");
                properties.add("@type", typeUrl);
                schema.add("properties", properties);
                JsonArray required = new JsonArray();
                required.add("@type");
                schema.add("required", required);
            }
            default -> {
                return null;
            }
        }
        return schema;
    }

    private static void nullable(JsonObject schema, String type) {
        JsonArray types = new JsonArray();
        types.add(type);
        types.add("null");
        schema.add("type", types);
    }
}
