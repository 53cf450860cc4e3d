package org.chorus.gateway.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.Descriptors;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.gateway.transcoding.RouteTable;

/**
 * Every RPC of the contract that the gRPC door forwards: each method of each service in a {@code chorus.*}
 * package, keyed by its gRPC full name, with the service that serves it. Messages stay bytes on the way through
 * ({@link #BYTES}); only the first request of a call is parsed, with the method's descriptor, to find the
 * commission it is about.
 */
final class ContractMethods {

    /** Leaves a message as the bytes it came in as. */
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new DrainableBytes(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** Bytes that gRPC writes into the frame in one go; any other stream it copies through a new 8 KiB buffer. */
    private static final class DrainableBytes extends ByteArrayInputStream implements Drainable, KnownLength {

        DrainableBytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }

    /**
     * @param method  the RPC as the contract describes it
     * @param backend the service that serves it: the second part of the proto package
     * @param grpc    the same RPC with byte-array marshallers, for both the incoming and the outgoing call
     */
    record ContractMethod(Descriptors.MethodDescriptor method, String backend, MethodDescriptor<byte[], byte[]> grpc) {
    }

    private final Map<String, ContractMethod> methods = new HashMap<>();

    ContractMethods(ProtoDescriptors descriptors) {
        for (Descriptors.ServiceDescriptor service : descriptors.services(RouteTable.PACKAGE_PREFIX)) {
            String backend = RouteTable.backendOf(service.getFile().getPackage());
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                String fullName = MethodDescriptor.generateFullMethodName(service.getFullName(), method.getName());
                MethodDescriptor<byte[], byte[]> grpc = MethodDescriptor.newBuilder(BYTES, BYTES)
                        .setFullMethodName(fullName)
                        .setType(typeOf(method))
                        .build();
                methods.put(fullName, new ContractMethod(method, backend, grpc));
            }
        }
    }

    Optional<ContractMethod> find(String fullMethodName) {
        return Optional.ofNullable(methods.get(fullMethodName));
    }

    private static MethodDescriptor.MethodType typeOf(Descriptors.MethodDescriptor method) {
        if (method.isClientStreaming()) {
            return method.isServerStreaming() ? MethodDescriptor.MethodType.BIDI_STREAMING : MethodDescriptor.MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING : MethodDescriptor.MethodType.UNARY;
    }
}
