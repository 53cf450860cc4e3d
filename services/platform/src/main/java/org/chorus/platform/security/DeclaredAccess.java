package org.chorus.platform.security;

import com.google.protobuf.Descriptors;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.chorus.identity.Caller;
import org.chorus.platform.v1.Access;
import org.chorus.platform.v1.AccessProto;
import org.chorus.platform.v1.Allow;
import org.chorus.platform.v1.CallerKind;
import org.chorus.platform.v1.Relation;

/**
 * Who may call one method, as the contract declares it on the RPC ({@code chorus.platform.v1.access}):
 * the one source of the access matrix for the services' interceptor, the docs' table and the
 * isolation sweep. The method level is decided here; each {@link Allow}'s relations to the object are
 * the service's to check, in its use case.
 */
public record DeclaredAccess(String method, Access access) {

    private static final Set<CallerKind> IN_A_COMMISSION =
            EnumSet.of(CallerKind.FACILITATOR, CallerKind.FINANCE, CallerKind.MEMBER, CallerKind.VIEWER, CallerKind.DASHBOARD);

    /** The access the contract declares on a served method, if any. */
    public static Optional<DeclaredAccess> of(MethodDescriptor<?, ?> method) {
        return method.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier contract
                ? of(contract.getMethodDescriptor())
                : Optional.empty();
    }

    /** The access the contract declares on an RPC, if any. */
    public static Optional<DeclaredAccess> of(Descriptors.MethodDescriptor method) {
        if (!method.getOptions().hasExtension(AccessProto.access)) {
            return Optional.empty();
        }
        Access access = method.getOptions().getExtension(AccessProto.access);
        return access.getAllowCount() == 0 ? Optional.empty() : Optional.of(new DeclaredAccess(method.getFullName(), access));
    }

    /** Whether deciding needs the commission the request names: some caller is allowed by a role held in it. */
    public boolean needsCommission() {
        return access.getAllowList().stream().anyMatch(allow -> IN_A_COMMISSION.contains(allow.getCaller()));
    }

    /**
     * Whether {@code caller} may call the method at all, about the commission the request names
     * (null when the method is not about one). Relations to the object are checked by the service.
     */
    public boolean allows(Caller caller, String commissionId) {
        return access.getAllowList().stream().anyMatch(allow -> caller.is(allow.getCaller(), commissionId));
    }

    /**
     * Whether {@code caller} may act on an object they stand in {@code relations} to: the answer the
     * whole matrix gives, method level and object level, for tests that check the services keep it.
     */
    public boolean allows(Caller caller, String commissionId, Set<Relation> relations) {
        return access.getAllowList().stream().anyMatch(allow -> caller.is(allow.getCaller(), commissionId)
                && relations.containsAll(allow.getRelationsList()));
    }
}
