package org.chorus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A busy port is named with the process that listens on it, so that a person knows what to stop. */
class PortHolderTest {

    @Test
    void aListeningPortIsHeldByThisProcess() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(PortHolder.of(listening.getLocalPort()))
                    .hasValueSatisfying(holder -> assertThat(holder).startsWith("pid " + ProcessHandle.current().pid() + " (")
                            .contains("java"));
        }
    }

    @Test
    void aFreePortIsHeldByNobody() {
        assertThat(PortHolder.of(Ports.freePort())).isEmpty();
    }
}
