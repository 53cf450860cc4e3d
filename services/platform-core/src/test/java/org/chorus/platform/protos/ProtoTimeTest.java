package org.chorus.platform.protos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import java.time.Instant;
import java.time.LocalDate;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.junit.jupiter.api.Test;

class ProtoTimeTest {

    @Test
    void instantsGoThereAndBackToTheNanosecond() {
        Instant instant = Instant.parse("2026-03-14T10:15:30.123456789Z");
        assertThat(ProtoTime.instant(ProtoTime.timestamp(instant), "INVALID_SESSION", "session.start_time", "the start time"))
                .isEqualTo(instant);
    }

    @Test
    void aTimeOutsideTheContractsYearsIsRefusedOnItsField() {
        Timestamp tooLate = Timestamp.newBuilder().setSeconds(Long.MAX_VALUE).build();
        assertThatThrownBy(() -> ProtoTime.instant(tooLate, "INVALID_SESSION", "session.start_time", "the start time"))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.reason()).isEqualTo("INVALID_SESSION");
                    assertThat(e.violations().getFirst().field()).isEqualTo("session.start_time");
                });
        Timestamp badNanos = Timestamp.newBuilder().setSeconds(0).setNanos(-1).build();
        assertThatThrownBy(() -> ProtoTime.instant(badNanos, "INVALID_SESSION", "session.start_time", "the start time"))
                .isInstanceOf(ChorusException.class);
    }

    @Test
    void daysGoThereAndBack() {
        LocalDate day = LocalDate.of(2026, 3, 14);
        assertThat(ProtoTime.day(ProtoTime.date(day), "INVALID_GROUND_RULES", "ground_rules.agreed_on", "the day agreed"))
                .isEqualTo(day);
        assertThat(ProtoTime.day(Date.getDefaultInstance(), "INVALID_GROUND_RULES", "ground_rules.agreed_on", "the day agreed"))
                .isNull();
    }

    @Test
    void aDayThatIsNotRealIsRefusedOnItsField() {
        Date february30 = Date.newBuilder().setYear(2026).setMonth(2).setDay(30).build();
        assertThatThrownBy(() -> ProtoTime.day(february30, "INVALID_GROUND_RULES", "ground_rules.agreed_on", "the day agreed"))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.reason()).isEqualTo("INVALID_GROUND_RULES");
                    assertThat(e.violations().getFirst().field()).isEqualTo("ground_rules.agreed_on");
                    assertThat(e.violations().getFirst().description()).startsWith("The day agreed must be a real day");
                });
        Violations violations = new Violations();
        assertThat(ProtoTime.dayOrViolation(february30, "plan.payments[0].date", "the day", violations)).isNull();
        assertThat(violations.isEmpty()).isFalse();
    }
}
