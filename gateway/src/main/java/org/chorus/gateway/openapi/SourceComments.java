package org.chorus.gateway.openapi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors;

/**
 * The comments written above each service, method, message, field, enum and enum value in the protos,
 * read from the source info that the descriptor set carries. Keyed by the element's full name.
 */
final class SourceComments {

    // Field numbers of FileDescriptorProto, DescriptorProto, EnumDescriptorProto and ServiceDescriptorProto.
    private static final int FILE_MESSAGE = 4;
    private static final int FILE_ENUM = 5;
    private static final int FILE_SERVICE = 6;
    private static final int MESSAGE_FIELD = 2;
    private static final int MESSAGE_NESTED = 3;
    private static final int MESSAGE_ENUM = 4;
    private static final int ENUM_VALUE = 2;
    private static final int SERVICE_METHOD = 2;

    private final Map<String, String> byFullName = new HashMap<>();

    SourceComments(List<Descriptors.FileDescriptor> files) {
        for (Descriptors.FileDescriptor file : files) {
            Map<List<Integer>, String> byPath = new HashMap<>();
            for (SourceCodeInfo.Location location : file.toProto().getSourceCodeInfo().getLocationList()) {
                String text = clean(location.getLeadingComments());
                if (!text.isEmpty()) {
                    byPath.put(location.getPathList(), text);
                }
            }
            if (byPath.isEmpty()) {
                continue;
            }
            List<Descriptors.Descriptor> messages = file.getMessageTypes();
            for (int i = 0; i < messages.size(); i++) {
                message(messages.get(i), List.of(FILE_MESSAGE, i), byPath);
            }
            List<Descriptors.EnumDescriptor> enums = file.getEnumTypes();
            for (int i = 0; i < enums.size(); i++) {
                enumType(enums.get(i), List.of(FILE_ENUM, i), byPath);
            }
            List<Descriptors.ServiceDescriptor> services = file.getServices();
            for (int i = 0; i < services.size(); i++) {
                put(services.get(i).getFullName(), List.of(FILE_SERVICE, i), byPath);
                List<Descriptors.MethodDescriptor> methods = services.get(i).getMethods();
                for (int m = 0; m < methods.size(); m++) {
                    put(methods.get(m).getFullName(), List.of(FILE_SERVICE, i, SERVICE_METHOD, m), byPath);
                }
            }
        }
    }

    private void message(Descriptors.Descriptor message, List<Integer> path, Map<List<Integer>, String> byPath) {
        put(message.getFullName(), path, byPath);
        List<Descriptors.FieldDescriptor> fields = message.getFields();
        for (int f = 0; f < fields.size(); f++) {
            put(fields.get(f).getFullName(), append(path, MESSAGE_FIELD, f), byPath);
        }
        List<Descriptors.Descriptor> nested = message.getNestedTypes();
        for (int n = 0; n < nested.size(); n++) {
            message(nested.get(n), append(path, MESSAGE_NESTED, n), byPath);
        }
        List<Descriptors.EnumDescriptor> enums = message.getEnumTypes();
        for (int e = 0; e < enums.size(); e++) {
            enumType(enums.get(e), append(path, MESSAGE_ENUM, e), byPath);
        }
    }

    private void enumType(Descriptors.EnumDescriptor type, List<Integer> path, Map<List<Integer>, String> byPath) {
        put(type.getFullName(), path, byPath);
        List<Descriptors.EnumValueDescriptor> values = type.getValues();
        for (int v = 0; v < values.size(); v++) {
            put(type.getFullName() + "." + values.get(v).getName(), append(path, ENUM_VALUE, v), byPath);
        }
    }

    private void put(String fullName, List<Integer> path, Map<List<Integer>, String> byPath) {
        String text = byPath.get(path);
        if (text != null) {
            byFullName.put(fullName, text);
        }
    }

    private static List<Integer> append(List<Integer> path, int a, int b) {
        Integer[] longer = path.toArray(new Integer[path.size() + 2]);
        longer[path.size()] = a;
        longer[path.size() + 1] = b;
        return List.of(longer);
    }

    /** Joins the comment's lines; a blank line stays a paragraph break. */
    private static String clean(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.strip().split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                text.append("\n\n");
            } else {
                if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                    text.append(' ');
                }
                text.append(stripped);
            }
        }
        return text.toString().strip();
    }

    /** The comment of an element, or {@code null}. */
    String of(String fullName) {
        return byFullName.get(fullName);
    }
}
