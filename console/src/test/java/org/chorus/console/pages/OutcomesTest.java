package org.chorus.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A page says only what it knows was done: a word it does not know, from a link someone made, says nothing. */
class OutcomesTest {

    @Test
    void aKnownWordIsKeptAndAnyOtherIsNothing() {
        Set<String> words = Set.of("granted", "removed");

        assertThat(Outcomes.known("granted", words)).isEqualTo("granted");
        assertThat(Outcomes.known("deleted-everything", words)).isNull();
        assertThat(Outcomes.known("", words)).isNull();
        assertThat(Outcomes.known(null, words)).isNull();
    }
}
