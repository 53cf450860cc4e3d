package org.chorus.platform.protos;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chorus.platform.errors.ChorusException;

/**
 * The one meaning of an update mask (aip.dev/134): the paths named; {@code *} for every field that
 * can change; with no mask (or an empty one), the fields sent — a set message field, a repeated
 * field with items, a scalar that is not its default. Paths are top-level field names.
 */
public final class UpdateMasks {

    private UpdateMasks() {
    }

    /**
     * The fields to change.
     *
     * @param mask       the request's {@code update_mask}, or null when it has none
     * @param sent       the resource as sent
     * @param changeable the field names that may change, in the order to list them
     * @throws ChorusException INVALID_ARGUMENT ({@code INVALID_UPDATE_MASK}) on {@code update_mask}
     *                         naming a path that cannot change
     */
    public static Set<String> paths(FieldMask mask, Message sent, List<String> changeable) {
        Set<String> paths = new LinkedHashSet<>();
        if (mask == null || mask.getPathsCount() == 0) {
            for (String name : changeable) {
                FieldDescriptor field = sent.getDescriptorForType().findFieldByName(name);
                if (field == null) {
                    throw new IllegalArgumentException(sent.getDescriptorForType().getFullName() + " has no field " + name);
                }
                if (isSent(sent, field)) {
                    paths.add(name);
                }
            }
            return paths;
        }
        for (String path : mask.getPathsList()) {
            if (path.equals("*")) {
                paths.addAll(changeable);
            } else if (changeable.contains(path)) {
                paths.add(path);
            } else {
                throw ChorusException.invalid("INVALID_UPDATE_MASK", "update_mask",
                        "\"" + path + "\" cannot be changed. The update mask can name " + inWords(changeable) + ".");
            }
        }
        return paths;
    }

    private static boolean isSent(Message sent, FieldDescriptor field) {
        if (field.isRepeated()) {
            return sent.getRepeatedFieldCount(field) > 0;
        }
        if (field.hasPresence()) {
            return sent.hasField(field);
        }
        return !sent.getField(field).equals(field.getDefaultValue());
    }

    private static String inWords(List<String> names) {
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
