package org.chorus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    @Test
    void aProcessRunsWithTheSmallFootprintSettingsWhenNothingIsAdded() {
        assertThat(ServiceProcess.jvmOptions("gateway", Map.of("CHORUS_JVM_OPTIONS_COMMISSIONS", "-Xmn64m")))
                .isEqualTo(ServiceProcess.JVM_OPTIONS);
    }

    @Test
    void optionsNamedForOneProcessComeAfterTheSettingsSoTheyWin() {
        assertThat(ServiceProcess.jvmOptions("gateway", Map.of("CHORUS_JVM_OPTIONS_GATEWAY", " -Xmn160m  -Xlog:gc ")))
                .startsWith(ServiceProcess.JVM_OPTIONS.toArray(String[]::new))
                .endsWith("-Xmn160m", "-Xlog:gc")
                .hasSize(ServiceProcess.JVM_OPTIONS.size() + 2);
    }

    @Test
    void aCollectorChosenForOneProcessReplacesTheSerialOne() {
        assertThat(ServiceProcess.jvmOptions("gateway", Map.of("CHORUS_JVM_OPTIONS_GATEWAY", "-XX:+UseZGC")))
                .contains("-XX:+UseZGC", "-Xmx256m")
                .doesNotContain("-XX:+UseSerialGC");
    }
}
