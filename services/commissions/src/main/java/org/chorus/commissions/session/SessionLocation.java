package org.chorus.commissions.session;

/**
 * Where a session is: a place in words, or a link to join online. Exactly one is set; the other is
 * null. {@link SessionFields} checks what people send before one is made.
 */
public record SessionLocation(String place, String onlineLink) {

    public SessionLocation {
        if ((place == null) == (onlineLink == null)) {
            throw new IllegalArgumentException("A session is either at a place or online");
        }
    }

    public static SessionLocation at(String place) {
        return new SessionLocation(place, null);
    }

    public static SessionLocation online(String link) {
        return new SessionLocation(null, link);
    }

    public boolean isOnline() {
        return onlineLink != null;
    }
}
