package org.chorus.console.platform;

import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import org.chorus.identity.Caller;
import org.chorus.platform.v1.Access;
import org.chorus.platform.v1.AccessProto;

/**
 * Whether to show a link or a form: the access the contract declares on the RPC behind it
 * ({@code chorus.platform.v1.access}), read from the generated descriptors, so the pages follow the same rules
 * the services enforce. The rule mirrors the platform's {@code DeclaredAccess}, which the console cannot use
 * (that module brings a gRPC server with it). It answers at the method level only: relations to one object
 * ("own", "not made by them") are for the page to check on the object, and the platform decides in the end.
 */
public final class ContractAccess {

    private ContractAccess() {
    }

    /** Whether {@code caller} may call {@code method} about the commission {@code commissionId} (null: none). */
    public static boolean allows(Caller caller, MethodDescriptor<?, ?> method, String commissionId) {
        if (!(method.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier contract)
                || !contract.getMethodDescriptor().getOptions().hasExtension(AccessProto.access)) {
            return false;
        }
        Access access = contract.getMethodDescriptor().getOptions().getExtension(AccessProto.access);
        return access.getAllowList().stream().anyMatch(allow -> caller.is(allow.getCaller(), commissionId));
    }
}
