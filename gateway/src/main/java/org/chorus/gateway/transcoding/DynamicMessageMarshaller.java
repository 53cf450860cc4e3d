package org.chorus.gateway.transcoding;

import java.io.IOException;
import java.io.InputStream;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/** Marshals messages known only by their descriptor, so no generated class is needed for any method. */
final class DynamicMessageMarshaller implements MethodDescriptor.Marshaller<DynamicMessage> {

    private final Descriptors.Descriptor type;

    DynamicMessageMarshaller(Descriptors.Descriptor type) {
        this.type = type;
    }

    @Override
    public InputStream stream(DynamicMessage value) {
        return value.toByteString().newInput();
    }

    @Override
    public DynamicMessage parse(InputStream stream) {
        try {
            return DynamicMessage.parseFrom(type, stream, ExtensionRegistry.getEmptyRegistry());
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("The answer of the service could not be read.")
                    .withCause(e).asRuntimeException();
        }
    }
}
