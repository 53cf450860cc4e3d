package org.chorus.platform.security;

import io.grpc.MethodDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A service's access rules, one per gRPC method. A method without a rule is refused to everyone
 * (deny by default), so a new RPC is closed until someone decides who may call it.
 */
public final class MethodAccessPolicy {

    private final Map<String, AccessRule> rules;

    private MethodAccessPolicy(Map<String, AccessRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<AccessRule> ruleFor(String fullMethodName) {
        return Optional.ofNullable(rules.get(fullMethodName));
    }

    Map<String, AccessRule> rules() {
        return rules;
    }

    /** Builds a policy; a method given two rules is a mistake and refused. */
    public static final class Builder {
        private final Map<String, AccessRule> rules = new HashMap<>();

        public Builder allow(MethodDescriptor<?, ?> method, AccessRule rule) {
            if (rules.putIfAbsent(method.getFullMethodName(), rule) != null) {
                throw new IllegalStateException("Two access rules for " + method.getFullMethodName());
            }
            return this;
        }

        public MethodAccessPolicy build() {
            return new MethodAccessPolicy(rules);
        }
    }

    /** The policies of every feature of a service, as one. */
    public static MethodAccessPolicy merge(Iterable<MethodAccessPolicy> policies) {
        Map<String, AccessRule> all = new HashMap<>();
        for (MethodAccessPolicy policy : policies) {
            policy.rules.forEach((method, rule) -> {
                if (all.putIfAbsent(method, rule) != null) {
                    throw new IllegalStateException("Two access rules for " + method);
                }
            });
        }
        return new MethodAccessPolicy(all);
    }
}
