package org.chorus.platform.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.sql.Timestamp;
import java.util.List;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A commission's outbox: the {@code outbox_event} table of its own schema (made for every service by
 * {@code db/commission-platform}). Both methods run inside the commission's transaction
 * ({@code CommissionTransactions.inCommission}), which decides whose outbox it is.
 *
 * <p>Payloads are kept as the contract's JSON (jsonb), not as bytes: readable in the database, the
 * same form the first feed's rows already had, and what a Debezium connector would publish.
 */
public final class EventOutbox {

    private static final JsonFormat.Printer JSON = JsonFormat.printer()
            .preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();

    private final JdbcClient jdbc;
    private final FeedHeads heads;

    public EventOutbox(JdbcClient jdbc, FeedHeads heads) {
        this.jdbc = jdbc;
        this.heads = heads;
    }

    /**
     * Adds an event with the next sequence. Holds the commission's outbox lock until the transaction
     * ends, so sequences become visible in commit order and none is skipped; the feed's head
     * ({@link FeedHeads}) moves once the transaction commits.
     *
     * @return the event's sequence
     */
    public long append(NewEvent event) {
        // The row lock on the counter is what orders the feed: a second writer waits here until
        // the first commits, so no reader sees sequence N+1 while N could still appear.
        long sequence = jdbc.sql("UPDATE outbox_counter SET last_sequence = last_sequence + 1 RETURNING last_sequence")
                .query(Long.class).single();
        String payload;
        try {
            payload = JSON.print(event.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("An event payload cannot be written as JSON: " + event.type(), e);
        }
        jdbc.sql("""
                        INSERT INTO outbox_event (sequence, type, resource_name, actor, event_time, payload_type, payload)
                        VALUES (:sequence, :type, :resource, :actor, :time, :payloadType, CAST(:payload AS jsonb))""")
                .param("sequence", sequence)
                .param("type", event.type())
                .param("resource", event.resourceName())
                .param("actor", event.actor())
                .param("time", Timestamp.from(event.time()))
                .param("payloadType", event.payload().getDescriptorForType().getFullName())
                .param("payload", payload)
                .update();
        heads.added(CommissionTransactions.current(), sequence);
        return sequence;
    }

    /** Up to {@code limit} events with a sequence after {@code afterSequence}, in order. */
    public List<StoredEvent> after(long afterSequence, int limit) {
        return jdbc.sql("""
                        SELECT sequence, type, resource_name, actor, event_time, payload_type, payload::text AS payload
                        FROM outbox_event WHERE sequence > :after ORDER BY sequence LIMIT :limit""")
                .param("after", afterSequence)
                .param("limit", limit)
                .query((rs, n) -> new StoredEvent(rs.getLong("sequence"), rs.getString("type"), rs.getString("resource_name"),
                        rs.getString("actor"), rs.getTimestamp("event_time").toInstant(), rs.getString("payload_type"),
                        rs.getString("payload")))
                .list();
    }
}
