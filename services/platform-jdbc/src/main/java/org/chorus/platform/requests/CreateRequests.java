package org.chorus.platform.requests;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.platform.errors.ChorusException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes creating calls safe to retry (AIP-155): a request id remembered with a fingerprint of what
 * was asked and the name of what it made. Used inside the caller's transaction, so the memory and
 * the thing made are written together. {@code create_request} is a commission's own table (found
 * through the transaction's search path); the registry keeps {@code network.create_request}.
 */
public final class CreateRequests {

    private static final Pattern TABLE = Pattern.compile("([a-z_]+\\.)?create_request");

    private final JdbcClient jdbc;
    private final String table;

    public CreateRequests(JdbcClient jdbc, String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a create_request table: " + table);
        }
        this.jdbc = jdbc;
        this.table = table;
    }

    /**
     * The name of what an earlier request with this id made, if there was one. Takes a lock on the id
     * until the transaction ends, so a retry that races its original waits for it.
     *
     * @throws ChorusException INVALID_ARGUMENT when the id was used for a different request
     */
    public Optional<String> madeEarlier(UUID requestId, String fingerprint) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:id))").param("id", requestId.toString()).query().singleRow();
        return jdbc.sql("SELECT request_hash, resource_name FROM " + table + " WHERE request_id = :id")
                .param("id", requestId)
                .query((rs, row) -> {
                    if (!rs.getString("request_hash").equals(fingerprint)) {
                        throw ChorusException.invalid("REQUEST_ID_REUSED", "request_id",
                                "This request id was already used for a different request. Use a new request id for a new request.");
                    }
                    return rs.getString("resource_name");
                })
                .optional();
    }

    /** Remembers that this request made {@code resourceName} (once: a racing retry that made nothing new changes nothing). */
    public void remember(UUID requestId, String fingerprint, String resourceName) {
        jdbc.sql("INSERT INTO " + table + " (request_id, request_hash, resource_name, create_time) VALUES (:id, :hash, :name, now()) ON CONFLICT (request_id) DO NOTHING")
                .param("id", requestId)
                .param("hash", fingerprint)
                .param("name", resourceName)
                .update();
    }

    /** The last segment of a resource name: the id of what was made. */
    public static String idOf(String resourceName) {
        return resourceName.substring(resourceName.lastIndexOf('/') + 1);
    }
}
