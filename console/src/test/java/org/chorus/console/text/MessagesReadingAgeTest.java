package org.chorus.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.chorus.platform.words.ReadingAge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every text of the console is plain English (CONVENTIONS: Words). A sentence (five words or more) must
 * score a Flesch-Kincaid grade of 6 or less; the grade means nothing for a two-word label, so labels are
 * held to the word list only. No text uses words that label or shame people.
 */
class MessagesReadingAgeTest {

    static final double HIGHEST_GRADE = 6.0;
    static final int WORDS_IN_A_SENTENCE = 5;
    /** Words people are not called (CONVENTIONS: "say people, members"). */
    static final List<String> NOT_SAID = List.of("claimant", "vulnerable", "service user", "user", "hard to reach");

    private static final Properties MESSAGES = new Properties();

    @BeforeAll
    static void readMessages() throws IOException {
        try (InputStream in = MessagesReadingAgeTest.class.getResourceAsStream("/messages.properties")) {
            MESSAGES.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    @Test
    void thereAreTextsToCheck() {
        assertThat(MESSAGES).hasSizeGreaterThan(100);
    }

    @Test
    void everySentenceIsGradeSixOrLess() {
        List<String> tooHard = new ArrayList<>();
        for (String key : MESSAGES.stringPropertyNames()) {
            String text = asRead(MESSAGES.getProperty(key));
            if (ReadingAge.words(text).size() >= WORDS_IN_A_SENTENCE && ReadingAge.grade(text) > HIGHEST_GRADE) {
                tooHard.add(String.format(Locale.ROOT, "%s (grade %.1f): %s", key, ReadingAge.grade(text), text));
            }
        }
        assertThat(tooHard).as("texts above grade %s", HIGHEST_GRADE).isEmpty();
    }

    @Test
    void noTextLabelsPeople() {
        List<String> labelling = new ArrayList<>();
        for (String key : MESSAGES.stringPropertyNames()) {
            String text = MESSAGES.getProperty(key).toLowerCase(Locale.ROOT);
            for (String word : NOT_SAID) {
                if (text.matches("(?s).*\\b" + word + "s?\\b.*")) {
                    labelling.add(key + ": " + word);
                }
            }
        }
        assertThat(labelling).isEmpty();
    }

    @Test
    void theCheckCatchesAHardSentence() {
        String hard = "Remuneration eligibility determinations necessitate comprehensive documentation by the claimant.";
        assertThat(ReadingAge.grade(hard)).isGreaterThan(HIGHEST_GRADE);
        assertThat(ReadingAge.grade("We pay you for your time. Tell us how you want to be paid.")).isLessThanOrEqualTo(HIGHEST_GRADE);
    }

    /** A text as a person reads it: an argument ({0}) is a short word, and doubled apostrophes are one. */
    static String asRead(String text) {
        return text.replaceAll("\\{\\d+}", "it").replace("''", "'");
    }
}
