package org.chorus.gateway.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The gateway's tests run with BlockHound: a blocking call on an event loop fails them. */
class BlockingCheckTest {

    @Test
    void blockingOnAReactorLoopFailsTheTest() {
        assertThatThrownBy(() -> Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return "slept";
                })
                .subscribeOn(Schedulers.parallel())
                .block())
                .hasCauseInstanceOf(BlockingOperationError.class);
    }

    @Test
    void gRpcTransportThreadsAreLoopsToo() throws InterruptedException {
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Thread transport = new Thread(() -> {
            try {
                Thread.sleep(1);
            } catch (Throwable e) {
                caught.set(e);
            }
        }, "grpc-nio-worker-ELG-1-1");
        transport.start();
        transport.join();
        assertThat(caught.get()).isInstanceOf(BlockingOperationError.class);
    }
}
