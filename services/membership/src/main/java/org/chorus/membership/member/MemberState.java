package org.chorus.membership.member;

import java.util.Optional;

/** Where a member is in their time with the commission, and which change leads where. */
public enum MemberState {
    INVITED, ACTIVE, PAUSED, LEFT, ERASED;

    /** A change in a member's time with the commission. */
    public enum Change {
        INVITE, JOIN, PAUSE, RESUME, LEAVE, RETURN, ERASE
    }

    /** Where {@code change} leads from here, or empty when it does not follow (invited → returned). */
    public Optional<MemberState> after(Change change) {
        MemberState next = switch (change) {
            case JOIN -> this == INVITED ? ACTIVE : null;
            case PAUSE -> this == ACTIVE ? PAUSED : null;
            case RESUME -> this == PAUSED ? ACTIVE : null;
            case LEAVE -> this == INVITED || this == ACTIVE || this == PAUSED ? LEFT : null;
            case RETURN -> this == LEFT ? ACTIVE : null;
            case ERASE -> this == ERASED ? null : ERASED;
            case INVITE -> null;
        };
        return Optional.ofNullable(next);
    }

    /** The changes that follow from here, in words for a person: "join or leave". */
    public String possibleChanges() {
        return switch (this) {
            case INVITED -> "join or leave";
            case ACTIVE -> "pause or leave";
            case PAUSED -> "resume or leave";
            case LEFT -> "return";
            case ERASED -> "none";
        };
    }
}
