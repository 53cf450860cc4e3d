package org.chorus.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every outgoing call a deadline unless the caller set one, so a slow peer can never hold a
 * thread forever. When the call is made while serving another call, gRPC keeps the earlier of
 * this deadline and the incoming one.
 */
public final class DefaultDeadlineInterceptor implements ClientInterceptor {

    private final Duration deadline;

    public DefaultDeadlineInterceptor(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("The default deadline must be positive: " + deadline);
        }
        this.deadline = deadline;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        CallOptions withDeadline = options.getDeadline() == null
                ? options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                : options;
        return next.newCall(method, withDeadline);
    }
}
