package org.chorus.console.pages;

import java.util.Set;

/**
 * What a page may say was just done, from the word its redirect put in the address ({@code ?saved=…}, {@code ?done=…}):
 * one of the words the page knows, or nothing, so that a link made by someone else cannot make a page show a
 * message it never meant to.
 */
final class Outcomes {

    private Outcomes() {
    }

    static String known(String word, Set<String> words) {
        return word != null && words.contains(word) ? word : null;
    }
}
