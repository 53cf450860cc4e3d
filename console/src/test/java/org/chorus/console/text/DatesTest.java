package org.chorus.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DatesTest {

    @Test
    void aDayIsTypedInThreeBoxes() {
        assertThat(Dates.typedDay(" 1", "4 ", "2026")).contains(LocalDate.of(2026, 4, 1));
        assertThat(Dates.typedDay("31", "2", "2026")).as("not a real day").isEmpty();
        assertThat(Dates.typedDay("first", "4", "2026")).isEmpty();
        assertThat(Dates.typedDay(null, "4", "2026")).isEmpty();
    }
}
