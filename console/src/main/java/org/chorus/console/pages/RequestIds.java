package org.chorus.console.pages;

import java.util.UUID;

/**
 * Request ids for calls that create or move money: a new one each time a form is drawn, sent back in a hidden
 * field, so pressing the button twice replays the first request instead of doing it twice.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String fresh() {
        return UUID.randomUUID().toString();
    }

    /** The id the form carried, or a new one when it carried none. */
    static String orFresh(String sent) {
        return sent == null || sent.isBlank() ? fresh() : sent;
    }
}
