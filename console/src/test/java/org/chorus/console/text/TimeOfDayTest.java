package org.chorus.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class TimeOfDayTest {

    @Test
    void readsTheWaysPeopleWriteATime() {
        assertThat(TimeOfDay.parse("14:30")).contains(LocalTime.of(14, 30));
        assertThat(TimeOfDay.parse("2:30pm")).contains(LocalTime.of(14, 30));
        assertThat(TimeOfDay.parse("2pm")).contains(LocalTime.of(14, 0));
        assertThat(TimeOfDay.parse("10.15 am")).contains(LocalTime.of(10, 15));
        assertThat(TimeOfDay.parse("12am")).contains(LocalTime.MIDNIGHT);
        assertThat(TimeOfDay.parse("12pm")).contains(LocalTime.NOON);
        assertThat(TimeOfDay.parse("noon")).contains(LocalTime.NOON);
    }

    @Test
    void refusesWhatIsNotATime() {
        assertThat(TimeOfDay.parse("25:00")).isEmpty();
        assertThat(TimeOfDay.parse("13pm")).isEmpty();
        assertThat(TimeOfDay.parse("10")).isEmpty();
        assertThat(TimeOfDay.parse("soon")).isEmpty();
        assertThat(TimeOfDay.parse(null)).isEmpty();
    }
}
