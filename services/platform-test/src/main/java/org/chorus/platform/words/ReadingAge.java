package org.chorus.platform.words;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Flesch–Kincaid grade of English text: 0.39 × words per sentence + 11.8 × syllables per word
 * − 15.59. Grade 6 is about reading age 11; the UK government aims for reading age 9.
 *
 * <p>Syllables are counted by the usual rules of thumb (groups of vowels, a silent final e, -es and
 * -ed endings), which is right for most short words and close for the rest. A token with no letters
 * ({@code £22.19}, {@code 2025/26}) counts as one word of one syllable, as common tools do.
 * One check for every text a member reads: the benefits guidance, the console's pages.
 */
public final class ReadingAge {

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(\\s|$)");
    private static final Pattern VOWELS = Pattern.compile("[aeiouy]+");

    private ReadingAge() {
    }

    public static double grade(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return 0;
        }
        long sentences = Math.max(1, SENTENCE_END.matcher(text.strip()).results().count());
        int syllables = words.stream().mapToInt(ReadingAge::syllables).sum();
        return 0.39 * words.size() / sentences + 11.8 * syllables / words.size() - 15.59;
    }

    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String token : text.strip().split("\\s+")) {
            String word = token.replaceAll("^[^\\p{Alnum}£]+|[^\\p{Alnum}]+$", "");
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Syllables in one word; a hyphenated word is the sum of its parts. */
    public static int syllables(String word) {
        String lower = word.toLowerCase(Locale.ROOT).replaceAll("'s$", "").replaceAll("[^a-z-]", "");
        if (lower.isEmpty()) {
            return 1;
        }
        if (lower.contains("-")) {
            int sum = 0;
            for (String part : lower.split("-+")) {
                sum += part.isEmpty() ? 0 : syllables(part);
            }
            return Math.max(1, sum);
        }
        if (lower.length() <= 3) {
            return 1;
        }
        String w = lower;
        if (w.endsWith("es") && !w.matches(".*(s|x|z|ch|sh|c|g)es$") && !w.matches(".*[aeiouy]es$")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("ed") && !w.matches(".*[td]ed$")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("e") && !w.endsWith("ee") && !w.matches(".*[^aeiouy]le$")) {
            w = w.substring(0, w.length() - 1);
        }
        w = w.replaceAll("^y", "");
        long groups = VOWELS.matcher(w).results().count();
        return (int) Math.max(1, groups);
    }
}
