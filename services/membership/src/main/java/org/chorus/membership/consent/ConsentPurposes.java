package org.chorus.membership.consent;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person may agree to, each asked on its own, with the words they are shown. A change of words
 * is a new version: consent to an older wording is not consent to the new, and is asked again.
 */
public enum ConsentPurposes {

    KEEPING_CONTACT_DETAILS(1, "Keeping your contact details",
            "We keep your email address and phone number so that we can tell you about sessions. "
                    + "Only you and the commission's facilitators can see them. If you say no, we delete them now."),
    NAMED_IN_REPORTS(1, "Your name in reports",
            "We may name you, the way you chose, in reports and in what the commission publishes. If you say no, you are never named."),
    SHARING_THEIR_STORY(1, "Sharing your story",
            "We may share your story of what changed, in reports, the way you chose to be named. You can stop this at any time."),
    PHOTOGRAPHS(1, "Photographs",
            "We may take photographs of you at sessions and use them in what the commission publishes."),
    NEWS_BY_EMAIL(1, "News by email",
            "We may email you news of the commission. You can stop this at any time."),
    KEEPING_BENEFITS_DETAILS(1, "Keeping your benefits details",
            "We keep the benefits details you give us, so we can tell you how a payment might affect them. "
                    + "Only you and the commission's finance team can see them. If you say no, we delete them now."),
    KEEPING_DETAILS_AFTER_LEAVING(1, "Keeping your details after you leave",
            "We keep your details after you leave the commission, so that you can come back as you were. "
                    + "If you say no, we erase them some time after you leave.");

    private final int version;
    private final String title;
    private final String wording;

    ConsentPurposes(int version, String title, String wording) {
        this.version = version;
        this.title = title;
        this.wording = wording;
    }

    public int version() {
        return version;
    }

    public String title() {
        return title;
    }

    public String wording() {
        return wording;
    }

    /** The last part of a consent's resource name: {@code named-in-reports}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The purpose by its name in the contract. */
    public static Optional<ConsentPurposes> named(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<ConsentPurposes> all() {
        return List.of(values());
    }
}
