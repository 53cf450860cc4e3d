package org.chorus.gateway.transcoding;

import java.util.Base64;
import java.util.Locale;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/** Turns text from a URL (a path segment or a query parameter) into the value of a scalar or enum field. */
final class ScalarValues {

    private ScalarValues() {
    }

    /** Thrown when the text does not fit the field; the message says, in plain words, what would. */
    static final class NotAValue extends Exception {
        NotAValue(String expected) {
            super(expected, null, false, false);
        }
    }

    static Object parse(FieldDescriptor field, String text) throws NotAValue {
        try {
            return switch (field.getType()) {
                case STRING -> text;
                case BOOL -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NotAValue(expected(field));
                };
                case INT32, SINT32, SFIXED32 -> Integer.parseInt(text);
                case UINT32, FIXED32 -> Integer.parseUnsignedInt(text);
                case INT64, SINT64, SFIXED64 -> Long.parseLong(text);
                case UINT64, FIXED64 -> Long.parseUnsignedLong(text);
                case FLOAT -> Float.parseFloat(text);
                case DOUBLE -> Double.parseDouble(text);
                case BYTES -> ByteString.copyFrom(decodeBase64(text));
                case ENUM -> enumValue(field, text);
                case MESSAGE, GROUP -> throw new NotAValue(expected(field));
            };
        } catch (NumberFormatException e) {
            throw new NotAValue(expected(field));
        }
    }

    private static byte[] decodeBase64(String text) throws NotAValue {
        try {
            return text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new NotAValue("Must be base64 text.");
        }
    }

    private static EnumValueDescriptor enumValue(FieldDescriptor field, String text) throws NotAValue {
        EnumValueDescriptor value = field.getEnumType().findValueByName(text);
        if (value == null) {
            try {
                value = field.getEnumType().findValueByNumber(Integer.parseInt(text));
            } catch (NumberFormatException ignored) {
                value = null;
            }
        }
        if (value == null) {
            throw new NotAValue(expected(field));
        }
        return value;
    }

    /** What one value of a field must be, as a sentence: "Must be a whole number." */
    static String expected(FieldDescriptor field) {
        return "Must be " + kind(field) + ".";
    }

    /** What a field takes, as a sentence; for a list, says so. */
    static String expectedInBody(FieldDescriptor field) {
        return field.isRepeated() && !field.isMapField()
                ? "Must be a list; each item must be " + kind(field) + "."
                : field.isMapField() ? "Must be a JSON object." : expected(field);
    }

    /** The kind of one value of a field, in plain words: "a whole number". */
    static String kind(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case STRING -> "text";
            case BOOLEAN -> "true or false";
            case INT, LONG -> "a whole number";
            case FLOAT, DOUBLE -> "a number";
            case BYTE_STRING -> "base64 text";
            case ENUM -> "one of " + String.join(", ", field.getEnumType().getValues().stream()
                    .map(EnumValueDescriptor::getName)
                    .filter(name -> !name.endsWith("_UNSPECIFIED"))
                    .toList());
            case MESSAGE -> switch (field.getMessageType().getFullName()) {
                case "google.protobuf.Timestamp" -> "a date and time such as 2026-03-14T10:00:00Z";
                case "google.protobuf.Duration" -> "a duration in seconds such as 90s";
                case "google.protobuf.FieldMask" -> "a comma-separated list of field names";
                case "google.protobuf.StringValue" -> "text";
                case "google.protobuf.BoolValue" -> "true or false";
                case "google.protobuf.Int32Value", "google.protobuf.Int64Value",
                     "google.protobuf.UInt32Value", "google.protobuf.UInt64Value" -> "a whole number";
                case "google.protobuf.FloatValue", "google.protobuf.DoubleValue" -> "a number";
                case "google.protobuf.BytesValue" -> "base64 text";
                default -> "a JSON object";
            };
        };
    }
}
