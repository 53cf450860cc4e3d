package org.chorus.platform.events;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far this service has read another service's feed, in the commission whose transaction is
 * open. Move the cursor in the same transaction as the event's effect: then each event has its
 * effect once, after any restart or replay of the feed.
 */
public final class FeedCursors {

    private final JdbcClient jdbc;

    public FeedCursors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last sequence read from {@code feed}; 0 before the first. */
    public long position(String feed) {
        return jdbc.sql("SELECT last_sequence FROM feed_cursor WHERE feed = :feed").param("feed", feed).query(Long.class).optional()
                .orElse(0L);
    }

    /**
     * The last sequence read from {@code feed}, locking the cursor until the transaction ends: a second reader of
     * the same feed (another replica) waits, then sees how far this one got. For a reader that applies several
     * events in one transaction.
     */
    public long lockedPosition(String feed) {
        return jdbc.sql("""
                        INSERT INTO feed_cursor (feed, last_sequence) VALUES (:feed, 0)
                        ON CONFLICT (feed) DO UPDATE SET last_sequence = feed_cursor.last_sequence RETURNING last_sequence""")
                .param("feed", feed).query(Long.class).single();
    }

    /**
     * Moves the cursor to {@code sequence}, taking a lock on it until the transaction ends.
     *
     * @return false when the cursor is already there or past it: the event had its effect, and must not have it again
     */
    public boolean advance(String feed, long sequence) {
        return jdbc.sql("""
                        INSERT INTO feed_cursor (feed, last_sequence) VALUES (:feed, :sequence)
                        ON CONFLICT (feed) DO UPDATE SET last_sequence = :sequence WHERE feed_cursor.last_sequence < :sequence""")
                .param("feed", feed)
                .param("sequence", sequence)
                .update() == 1;
    }
}
