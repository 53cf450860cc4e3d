package org.chorus.membership.member;

import java.util.List;

/** The other services that keep data about people: what they hold about one, and erasing it there. */
public interface OtherServices {

    /** What one service holds about a person, as a JSON object. */
    record Held(String service, String json) {
    }

    /**
     * What each other service holds about the member, in a fixed order, only those that hold something.
     *
     * @param requestedBy the sign-in subject of who asked: the person, or a facilitator for them
     */
    List<Held> export(String member, String requestedBy);

    /** Erases the member in every other service (safe to repeat); the services that erased them. */
    List<String> erase(String member);

    /** Tells every other service, at once, that the member withdrew consent for {@code purpose} (safe to repeat). */
    void withdrawn(String member, String purpose);
}
