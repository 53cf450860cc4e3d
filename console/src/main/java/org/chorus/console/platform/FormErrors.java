package org.chorus.console.platform;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What went wrong with a form, field by field, for the GOV.UK error summary and the message next to each
 * field. Filled from the console's own checks and from the platform's {@code BadRequest} field violations,
 * whose descriptions the contract writes for people to act on.
 */
public final class FormErrors {

    /** One line of the error summary: the form field it is about (its id in the page) and what to do. */
    public record Entry(String field, String message) {
    }

    private final Map<String, String> byField = new LinkedHashMap<>();
    private final List<Entry> summary = new ArrayList<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    /**
     * The field violations of a refusal, each put next to the form field its path starts with
     * ({@code fields} maps a violation's path prefix, for example {@code session.title}, to the form
     * field's id); a violation of no listed field goes to the summary, about {@code fallbackField}.
     * Empty when the refusal has no field violations.
     */
    public static Optional<FormErrors> from(StatusRuntimeException refusal, Map<String, String> fields, String fallbackField) {
        if (refusal.getStatus().getCode() != io.grpc.Status.Code.INVALID_ARGUMENT) {
            return Optional.empty();
        }
        Status status = StatusProto.fromThrowable(refusal);
        if (status == null) {
            return Optional.empty();
        }
        FormErrors errors = new FormErrors();
        for (Any detail : status.getDetailsList()) {
            if (!detail.is(BadRequest.class)) {
                continue;
            }
            try {
                for (BadRequest.FieldViolation violation : detail.unpack(BadRequest.class).getFieldViolationsList()) {
                    errors.add(formField(violation.getField(), fields).orElse(fallbackField), violation.getDescription());
                }
            } catch (InvalidProtocolBufferException unreadable) {
                return Optional.empty();
            }
        }
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors);
    }

    static Optional<String> formField(String violationPath, Map<String, String> fields) {
        String best = null;
        for (String prefix : fields.keySet()) {
            boolean matches = violationPath.equals(prefix) || violationPath.startsWith(prefix + ".")
                    || violationPath.startsWith(prefix + "[");
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best).map(fields::get);
    }

    /** Adds what to do about {@code field}; the first message for a field is the one shown next to it. */
    public FormErrors add(String field, String message) {
        byField.putIfAbsent(field, message);
        summary.add(new Entry(field, message));
        return this;
    }

    public boolean isEmpty() {
        return summary.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    public List<Entry> getSummary() {
        return Collections.unmodifiableList(summary);
    }
}
