package org.chorus.platform.names;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Optional;

/**
 * Where a request names the commission it is about, by the contract's convention: its {@code name}
 * or {@code parent}, or for an update (aip.dev/134) the {@code name} of the resource it carries
 * ({@code phase_model.name}); or none, for a name under {@code network/}. The one reading of it, for the
 * gateway's guard and every service's.
 *
 * @param field the field it was read from, for error messages: {@code name}, {@code parent}, {@code phase_model.name}
 * @param name  the resource name as sent
 */
public record RequestCommission(String field, String name) {

    /** The request's commission field, if its message has one. */
    public static Optional<RequestCommission> of(Message request) {
        for (String field : new String[] {"name", "parent"}) {
            FieldDescriptor descriptor = request.getDescriptorForType().findFieldByName(field);
            if (isName(descriptor)) {
                return Optional.of(new RequestCommission(field, (String) request.getField(descriptor)));
            }
        }
        for (FieldDescriptor resource : request.getDescriptorForType().getFields()) {
            if (resource.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !resource.isRepeated()) {
                FieldDescriptor name = resource.getMessageType().findFieldByName("name");
                if (isName(name)) {
                    return Optional.of(new RequestCommission(resource.getName() + ".name",
                            (String) ((Message) request.getField(resource)).getField(name)));
                }
            }
        }
        return Optional.empty();
    }

    /** Names under it are about the whole network, not one commission: {@code network/impact}. */
    public static final String NETWORK = "network/";

    /** Whether the request is about the whole network: it names no commission, and only network-wide callers may make it. */
    public boolean aboutTheNetwork() {
        return name != null && name.startsWith(NETWORK);
    }

    /** The commission the name claims, as written ({@link CommissionId#claimedIn}); null when it is not under one. */
    public String commission() {
        return CommissionId.claimedIn(name);
    }

    private static boolean isName(FieldDescriptor field) {
        return field != null && field.getJavaType() == FieldDescriptor.JavaType.STRING && !field.isRepeated();
    }
}
