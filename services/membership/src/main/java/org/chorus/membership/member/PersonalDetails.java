package org.chorus.membership.member;

import java.util.Locale;
import org.chorus.platform.errors.Violations;

/**
 * What identifies a person: sealed at rest under their own key, shown only to them and the
 * commission's facilitators. Blank values are stored as empty strings.
 */
public record PersonalDetails(String displayName, String chosenName, String email, String phone) {

    public static final int MAX_NAME = 120;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PHONE = 40;
    /** None known: for someone whose name was never given (a member carried over from role grants). */
    public static final PersonalDetails NONE = new PersonalDetails("", "", "", "");

    public PersonalDetails {
        displayName = strip(displayName);
        chosenName = strip(chosenName);
        email = strip(email).toLowerCase(Locale.ROOT);
        phone = strip(phone);
    }

    /** Adds a violation for each field that is not valid; the display name is required when {@code nameRequired}. */
    public void check(Violations violations, String prefix, boolean nameRequired) {
        violations.checkText(displayName, prefix + "display_name", "the person's name", nameRequired ? 1 : 0, MAX_NAME);
        violations.checkText(chosenName, prefix + "chosen_name", "the chosen name", 0, MAX_NAME);
        if (!email.isEmpty()) {
            violations.check(isEmail(email), prefix + "contact.email",
                    "This is not an email address. It looks like name@example.org, up to 254 characters.");
        }
        violations.checkText(phone, prefix + "contact.phone", "the phone number", 0, MAX_PHONE);
        violations.check(!hasControlCharacters(displayName + chosenName + phone), prefix + "display_name",
                "Names and phone numbers cannot hold control characters.");
    }

    /** Whether {@code text} is an email address Chorus takes: name@example.org, up to 254 characters. */
    public static boolean isEmail(String text) {
        return text.length() <= MAX_EMAIL && text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }

    /** The name to show to others and in credits, as the person chose; empty when they are not to be named. */
    public String creditedAs(Credit credit) {
        return switch (credit) {
            case FULL_NAME -> displayName;
            case FIRST_NAME -> displayName.isEmpty() ? "" : displayName.split("\\s+", 2)[0];
            case CHOSEN_NAME -> chosenName;
            case ANONYMOUS, CREDIT_UNSPECIFIED -> "";
        };
    }

    /** How a person wants to be named in anything shown to others. */
    public enum Credit {
        CREDIT_UNSPECIFIED, FULL_NAME, FIRST_NAME, ANONYMOUS, CHOSEN_NAME
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static boolean hasControlCharacters(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL);
    }
}
