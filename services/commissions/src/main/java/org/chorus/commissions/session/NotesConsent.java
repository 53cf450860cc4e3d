package org.chorus.commissions.session;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the group agreed that notes of a session are kept, and who recorded the group's answer
 * and when. A session nobody asked about has {@link #NOT_ASKED}: no notes.
 *
 * @param recordedBy the sign-in subject of who recorded the answer ({@code ""} when not asked)
 * @param recordTime when the answer was recorded (null when not asked)
 */
public record NotesConsent(boolean groupAgreed, String recordedBy, Instant recordTime) {

    public static final NotesConsent NOT_ASKED = new NotesConsent(false, "", null);

    public NotesConsent {
        Objects.requireNonNull(recordedBy, "recordedBy");
    }
}
