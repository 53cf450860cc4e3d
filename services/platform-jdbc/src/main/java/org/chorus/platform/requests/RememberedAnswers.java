package org.chorus.platform.requests;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls that move money, safe to retry in every way (after Stripe's idempotency keys): the first
 * answer to a request id, an error included, is remembered in the commission's transaction that did
 * the work, and the same request id with the same request gets that answer again, however often and
 * after whatever restart. The same id with a different request is refused ({@code REQUEST_ID_REUSED});
 * a call whose id is still being handled by another gets ABORTED ({@code REQUEST_IN_PROGRESS}), so two
 * concurrent calls have one effect. Answers are kept for at least {@link #KEPT_DAYS} days.
 *
 * <p>Errors that say the call may work if tried again ({@code ABORTED}: a lost race or a stale etag)
 * are not remembered; every other refusal of the work is, with nothing of the work written.
 */
public final class RememberedAnswers {

    /** How long an answer is kept: well over the 24 hours a client may retry for. */
    public static final int KEPT_DAYS = 7;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommissionTransactions transactions;
    private final JdbcClient jdbc;

    public RememberedAnswers(CommissionTransactions transactions, JdbcClient jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /**
     * Does {@code work} once for {@code requestId} in the commission's transaction, or answers as the
     * first call with this id did.
     *
     * @param request the request as sent; with the method's name and the caller it is what a retry must repeat
     *                (its {@code request_id} field is left out of the comparison)
     * @throws ChorusException INVALID_ARGUMENT ({@code REQUEST_ID_REUSED}), ABORTED ({@code REQUEST_IN_PROGRESS}),
     *                         or the first call's error again
     */
    public <T extends Message> T once(Caller caller, String commission, UUID requestId, Message request, Parser<T> answers,
                                      Supplier<T> work) {
        String fingerprint = RequestIds.fingerprint(request.getDescriptorForType().getFullName(), caller.subject(),
                RequestIds.fingerprint(withoutRequestId(request).toByteArray()));
        Outcome<T> outcome = transactions.inCommission(caller, commission, () -> {
            Boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended(:id, 0))").param("id", requestId.toString())
                    .query(Boolean.class).single();
            if (!mine) {
                throw ChorusException.aborted("REQUEST_IN_PROGRESS",
                        "A call with this request id is still being handled. Wait a moment, then send it again with the same request id.");
            }
            var earlier = jdbc.sql("SELECT request_hash, answer, error FROM request_answer WHERE request_id = :id").param("id", requestId)
                    .query((rs, row) -> new Stored(rs.getString("request_hash"), rs.getBytes("answer"), rs.getString("error")))
                    .optional();
            if (earlier.isPresent()) {
                if (!earlier.get().fingerprint().equals(fingerprint)) {
                    throw ChorusException.invalid("REQUEST_ID_REUSED", "request_id",
                            "This request id was already used for a different request. Use a new request id for a new request.");
                }
                return earlier.get().outcome(answers);
            }
            jdbc.sql("SAVEPOINT before_the_work").update();
            Outcome<T> first;
            try {
                first = new Outcome<>(work.get(), null);
            } catch (ChorusException refused) {
                if (refused.kind() == ChorusException.Kind.ABORTED) {
                    throw refused;
                }
                jdbc.sql("ROLLBACK TO SAVEPOINT before_the_work").update();
                first = new Outcome<>(null, refused);
            }
            jdbc.sql("INSERT INTO request_answer (request_id, request_hash, answer, error, create_time) "
                            + "VALUES (:id, :hash, :answer, CAST(:error AS jsonb), now())")
                    .param("id", requestId).param("hash", fingerprint)
                    .param("answer", first.answer() == null ? null : first.answer().toByteArray())
                    .param("error", first.error() == null ? null : json(first.error()))
                    .update();
            return first;
        });
        if (outcome.error() != null) {
            throw outcome.error();
        }
        return outcome.answer();
    }

    /** Forgets the answers older than {@link #KEPT_DAYS} days, in the commission's transaction. */
    public int forgetOld() {
        return jdbc.sql("DELETE FROM request_answer WHERE create_time < now() - make_interval(days => :days)")
                .param("days", KEPT_DAYS).update();
    }

    private record Outcome<T>(T answer, ChorusException error) {
    }

    private record Stored(String fingerprint, byte[] answer, String error) {
        <T extends Message> Outcome<T> outcome(Parser<T> parser) {
            if (error != null) {
                return new Outcome<>(null, fromJson(error));
            }
            try {
                return new Outcome<>(parser.parseFrom(answer), null);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("A remembered answer no longer reads as " + parser, e);
            }
        }
    }

    private static Message withoutRequestId(Message request) {
        var field = request.getDescriptorForType().findFieldByName("request_id");
        return field == null ? request : request.toBuilder().clearField(field).build();
    }

    private static String json(ChorusException error) {
        ObjectNode node = JSON.createObjectNode()
                .put("kind", error.kind().name()).put("reason", error.reason()).put("message", error.getMessage());
        var violations = node.putArray("violations");
        error.violations().forEach(v -> violations.addObject().put("field", v.field()).put("description", v.description()));
        return node.toString();
    }

    private static ChorusException fromJson(String stored) {
        JsonNode node = JSON.readTree(stored);
        List<FieldViolation> violations = new ArrayList<>();
        node.path("violations").forEach(v -> violations.add(new FieldViolation(v.path("field").asString(), v.path("description").asString())));
        return ChorusException.of(ChorusException.Kind.valueOf(node.path("kind").asString()), node.path("reason").asString(),
                node.path("message").asString(), violations);
    }
}
