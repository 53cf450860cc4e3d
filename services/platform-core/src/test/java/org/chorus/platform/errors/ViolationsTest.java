package org.chorus.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void nothingIsThrownWhenAllIsWell() {
        Violations v = new Violations();
        v.checkText("Leeds", "place", "the place", 1, 120);
        assertThat(v.isEmpty()).isTrue();
        assertThatCode(() -> v.throwIfAny("INVALID_COMMISSION", "Fix it.")).doesNotThrowAnyException();
    }

    @Test
    void textChecksSayWhatIsMissingOrTooLong() {
        Violations v = new Violations();
        v.checkText(" ", "display_name", "a name", 1, 10);
        v.checkText("é".repeat(11), "place", "the place", 0, 10);
        v.checkText("", "note", "a note", 0, 10);

        assertThatThrownBy(() -> v.throwIfAny("INVALID_COMMISSION", "Some details need fixing."))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Some details need fixing.");
                    assertThat(e.violations()).containsExactly(
                            new FieldViolation("display_name", "Please give a name."),
                            new FieldViolation("place", "The place must be 10 characters or fewer."));
                });
    }
}
