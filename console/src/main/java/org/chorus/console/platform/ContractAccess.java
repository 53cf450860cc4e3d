package org.chorus.console.platform;

import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.v1.Access;
import org.chorus.platform.v1.AccessProto;
import org.chorus.platform.v1.CallerKind;

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
        return access.getAllowList().stream().anyMatch(allow -> is(allow.getCaller(), caller, commissionId));
    }

    static boolean is(CallerKind kind, Caller caller, String commissionId) {
        return switch (kind) {
            case SIGNED_IN -> true;
            case COORDINATOR -> caller.isCoordinator();
            case DASHBOARD -> caller.networkRoles().contains(Role.DASHBOARD) || holds(caller, commissionId, Role.DASHBOARD);
            case SERVICE -> caller.isService();
            case FACILITATOR -> holds(caller, commissionId, Role.FACILITATOR);
            case FINANCE -> holds(caller, commissionId, Role.FINANCE);
            case MEMBER -> holds(caller, commissionId, Role.MEMBER);
            case VIEWER -> holds(caller, commissionId, Role.VIEWER);
            case CALLER_KIND_UNSPECIFIED, UNRECOGNIZED -> false;
        };
    }

    private static boolean holds(Caller caller, String commissionId, Role role) {
        return commissionId != null && caller.rolesIn(commissionId).contains(role);
    }
}
