package org.chorus.platform.security;

import io.grpc.BindableService;
import io.grpc.ServerMethodDefinition;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Deny by default, at start-up: a service that serves an RPC whose contract declares no access
 * ({@code chorus.platform.v1.access}) does not start, so no method is ever open by omission.
 */
public final class DeclaredAccessCheck implements SmartInitializingSingleton {

    private final ObjectProvider<BindableService> services;

    public DeclaredAccessCheck(ObjectProvider<BindableService> services) {
        this.services = services;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> undeclared = services.orderedStream()
                .flatMap(service -> service.bindService().getMethods().stream())
                .map(ServerMethodDefinition::getMethodDescriptor)
                .filter(method -> !CallerInterceptor.OPEN_SERVICES.contains(method.getServiceName()))
                .filter(method -> DeclaredAccess.of(method).isEmpty())
                .map(method -> method.getFullMethodName())
                .sorted()
                .toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("These RPCs declare no access in the contract, so this service will not serve them: "
                    + undeclared + ". Add option (chorus.platform.v1.access) to each in proto/.");
        }
    }
}
