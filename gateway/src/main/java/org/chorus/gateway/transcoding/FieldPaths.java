package org.chorus.gateway.transcoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/** Dotted field paths ({@code commission.display_name}) over message descriptors and builders. */
final class FieldPaths {

    private FieldPaths() {
    }

    /** Resolves a path of proto field names, as path templates and {@code body} use them. */
    static Optional<List<FieldDescriptor>> resolveProtoPath(Descriptors.Descriptor type, String path) {
        return resolve(type, path, false);
    }

    /** Resolves a path whose parts may be proto names ({@code page_size}) or JSON names ({@code pageSize}). */
    static Optional<List<FieldDescriptor>> resolveAnyNames(Descriptors.Descriptor type, String path) {
        return resolve(type, path, true);
    }

    private static Optional<List<FieldDescriptor>> resolve(Descriptors.Descriptor type, String path, boolean jsonNames) {
        List<FieldDescriptor> fields = new ArrayList<>();
        Descriptors.Descriptor current = type;
        String[] parts = path.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (current == null) {
                return Optional.empty();
            }
            FieldDescriptor field = current.findFieldByName(parts[i]);
            if (field == null && jsonNames) {
                field = findByJsonName(current, parts[i]);
            }
            if (field == null) {
                return Optional.empty();
            }
            boolean last = i == parts.length - 1;
            if (!last && (field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE)) {
                return Optional.empty();
            }
            fields.add(field);
            current = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        return Optional.of(List.copyOf(fields));
    }

    static FieldDescriptor findByJsonName(Descriptors.Descriptor type, String jsonName) {
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJsonName().equals(jsonName)) {
                return field;
            }
        }
        return null;
    }

    /** The path in proto names, for field violations: {@code commission.display_name}. */
    static String protoPath(List<FieldDescriptor> path) {
        return String.join(".", path.stream().map(FieldDescriptor::getName).toList());
    }

    /**
     * Walks to the message that holds the last field of the path, creating the messages on the way, and
     * lets {@code leaf} change that field there. Works for dynamic and generated builders alike.
     */
    static void update(Message.Builder root, List<FieldDescriptor> path, BiConsumer<Message.Builder, FieldDescriptor> leaf) {
        update(root, path, 0, leaf);
    }

    private static void update(Message.Builder builder, List<FieldDescriptor> path, int index,
                               BiConsumer<Message.Builder, FieldDescriptor> leaf) {
        FieldDescriptor field = path.get(index);
        if (index == path.size() - 1) {
            leaf.accept(builder, field);
            return;
        }
        Message.Builder child = builder.hasField(field)
                ? ((Message) builder.getField(field)).toBuilder()
                : builder.newBuilderForField(field);
        update(child, path, index + 1, leaf);
        builder.setField(field, child.build());
    }
}
