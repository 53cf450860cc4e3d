package org.chorus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortOffsetTest {

    @Test
    void theOptionWinsOverTheEnvironmentAndNeitherMeansTheUsualPorts() {
        assertThat(ChorusCommand.portOffset(List.of("--detach", "--port-offset=1000"), "2000")).isEqualTo(1000);
        assertThat(ChorusCommand.portOffset(List.of("--detach"), " 2000 ")).isEqualTo(2000);
        assertThat(ChorusCommand.portOffset(List.of(), null)).isZero();
        assertThat(ChorusCommand.portOffset(List.of(), "")).isZero();
    }

    @Test
    void everyPortMovesByTheOffset() {
        Ports usual = Ports.fixed(0);
        Ports moved = Ports.fixed(1000);

        assertThat(usual.gateway()).isEqualTo(8080);
        assertThat(moved.gateway()).isEqualTo(9080);
        List<Integer> all = usual.all();
        List<Integer> allMoved = moved.all();
        assertThat(allMoved).hasSameSizeAs(all);
        for (int i = 0; i < all.size(); i++) {
            assertThat(allMoved.get(i)).isEqualTo(all.get(i) + 1000);
        }
    }

    @Test
    void anOffsetThatIsNotAWholeNumberInRangeSaysWhatToWrite() {
        assertThatThrownBy(() -> ChorusCommand.portOffset(List.of("--port-offset=ten"), null))
                .hasMessage("The port offset (--port-offset=N or CHORUS_PORT_OFFSET) must be a whole number from 0 to "
                        + Ports.MAX_OFFSET + ", not 'ten'. With 1000 the gateway listens on 9080 instead of 8080.");
        assertThatThrownBy(() -> ChorusCommand.portOffset(List.of(), "-5")).hasMessageContaining("not '-5'");
        assertThatThrownBy(() -> ChorusCommand.portOffset(List.of(), "60000")).hasMessageContaining("not '60000'");
    }
}
