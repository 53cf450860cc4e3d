package org.chorus.platform.grpc;

import io.grpc.stub.StreamObserver;

/** The answer of a unary call, in one place. */
public final class Replies {

    private Replies() {
    }

    /** Sends {@code value} as the call's one answer and ends the call. */
    public static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
