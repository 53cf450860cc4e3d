package org.chorus.platform.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chorus.platform.errors.ChorusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcePatternTest {

    private static final ResourcePattern ATTENDANCE =
            ResourcePattern.of("commissions/{commission}/sessions/{session}/attendance/{member}");

    @Test
    void aNameOfTheKindGivesItsIdsByVariable() {
        ResourceName name = ATTENDANCE.parse("commissions/leeds/sessions/s-2026-03-14-7f3a9c/attendance/sam-1", "name");

        assertThat(name.commission()).isEqualTo(new CommissionId("leeds"));
        assertThat(name.id("session")).isEqualTo("s-2026-03-14-7f3a9c");
        assertThat(name.last()).isEqualTo("sam-1");
        assertThat(name.toString()).isEqualTo("commissions/leeds/sessions/s-2026-03-14-7f3a9c/attendance/sam-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "commissions/leeds/sessions/s-1", "commissions/leeds/sessions/s-1/attendance/",
            "commissions/LEEDS/sessions/s-1/attendance/sam", "commissions/ab/sessions/s-1/attendance/sam",
            "commissions/leeds/sessions/S-1/attendance/sam", "commissions/leeds/meetings/s-1/attendance/sam",
            "commissions/leeds/sessions/s-1/attendance/sam/extra", "commissions/leeds/sessions/s-1/attendance/-sam"})
    void anyOtherNameIsRefusedOnTheFieldItCameIn(String sent) {
        assertThat(ATTENDANCE.match(sent)).isEmpty();
        assertThatThrownBy(() -> ATTENDANCE.parse(sent, "attendance.name"))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
                    assertThat(e.reason()).isEqualTo("INVALID_NAME");
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("attendance.name");
                        assertThat(v.description()).contains("commissions/leeds/sessions/{session}/attendance/{member}");
                    });
                });
    }

    @Test
    void nullIsNotAName() {
        assertThat(ATTENDANCE.match(null)).isEmpty();
    }

    @Test
    void organisationsKeepTheShortIdRule() {
        ResourcePattern organization = ResourcePattern.of("organizations/{organization}");
        assertThat(organization.match("organizations/leeds-council")).isPresent();
        assertThat(organization.match("organizations/lc")).isEmpty();
        assertThat(organization.match("organizations/1-council")).isEmpty();
    }

    @Test
    void formattingChecksEveryIdAndTheirCount() {
        assertThat(ATTENDANCE.format("leeds", "s-1", "sam")).isEqualTo("commissions/leeds/sessions/s-1/attendance/sam");
        assertThatThrownBy(() -> ATTENDANCE.format("leeds", "s-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ATTENDANCE.format("Leeds", "s-1", "sam")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ATTENDANCE.format("leeds", "s/1", "sam")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPatternThatIsNotOneIsAProgrammingMistake() {
        assertThatThrownBy(() -> ResourcePattern.of("commissions//{x}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourcePattern.of("commissions/{x}/a/{x}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourcePattern.of("commissions/{x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommissionAGuardMustCheckIsReadAsWrittenUnderAnyName() {
        assertThat(CommissionId.claimedIn("commissions/leeds")).isEqualTo("leeds");
        assertThat(CommissionId.claimedIn("commissions/leeds/sessions/s-1")).isEqualTo("leeds");
        assertThat(CommissionId.claimedIn("commissions/leeds:archive")).isEqualTo("leeds");
        assertThat(CommissionId.claimedIn("commissions/LEEDS/x")).isEqualTo("LEEDS");
        assertThat(CommissionId.claimedIn("commissions/")).isNull();
        assertThat(CommissionId.claimedIn("organizations/leeds")).isNull();
        assertThat(CommissionId.claimedIn(null)).isNull();
    }

    @Test
    void aCommissionNameIsParsedByTheSameRule() {
        assertThat(CommissionId.parse("commissions/salford", "parent")).isEqualTo(new CommissionId("salford"));
        assertThatThrownBy(() -> CommissionId.parse("commissions/salford/x", "parent"))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations().getFirst().field()).isEqualTo("parent"));
    }
}
