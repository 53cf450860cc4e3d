package org.chorus.commissions.events;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the outbox in the {@code outbox_event} table of the commission's own schema. */
@Repository
class JdbcOutboxRepository implements OutboxRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    JdbcOutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long append(NewEvent event) {
        // The row lock on the counter is what orders the feed: a second writer waits here until
        // the first commits, so no reader sees sequence N+1 while N could still appear.
        long sequence = jdbc.sql("UPDATE outbox_counter SET last_sequence = last_sequence + 1 RETURNING last_sequence")
                .query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO outbox_event (sequence, type, resource_name, actor, event_time, payload)
                        VALUES (:sequence, :type, :resource, :actor, :time, CAST(:payload AS jsonb))""")
                .param("sequence", sequence)
                .param("type", event.type())
                .param("resource", event.resourceName())
                .param("actor", event.actor())
                .param("time", Timestamp.from(event.time()))
                .param("payload", JSON.writeValueAsString(event.payload()))
                .update();
        return sequence;
    }

    @Override
    public List<StoredEvent> after(long afterSequence, int limit) {
        return jdbc.sql("""
                        SELECT sequence, type, resource_name, actor, event_time, payload::text AS payload
                        FROM outbox_event WHERE sequence > :after ORDER BY sequence LIMIT :limit""")
                .param("after", afterSequence)
                .param("limit", limit)
                .query((rs, n) -> new StoredEvent(rs.getLong("sequence"), rs.getString("type"), rs.getString("resource_name"),
                        rs.getString("actor"), rs.getTimestamp("event_time").toInstant(), rs.getString("payload")))
                .list();
    }
}
