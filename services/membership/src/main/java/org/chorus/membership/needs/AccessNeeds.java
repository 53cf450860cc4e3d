package org.chorus.membership.needs;

import java.time.Instant;
import java.util.Set;
import org.chorus.platform.errors.Violations;

/**
 * What a person needs to take part. Special category data: sealed at rest under the person's own key.
 *
 * @param updateTime null when nothing was saved yet
 */
public record AccessNeeds(boolean stepFreeAccess, boolean hearingLoop, boolean quietRoom, String interpreter, boolean childcare,
                          boolean travelPaid, boolean largePrint, boolean supportWorker, String other, Instant updateTime,
                          long version) {

    public static final int MAX_INTERPRETER = 80;
    public static final int MAX_OTHER = 500;
    public static final AccessNeeds NONE = new AccessNeeds(false, false, false, "", false, false, false, false, "", null, 0);

    public AccessNeeds {
        interpreter = interpreter == null ? "" : interpreter.strip();
        other = other == null ? "" : other.strip();
    }

    /** These needs with the fields in {@code fields} taken from {@code sent}. */
    public AccessNeeds with(AccessNeeds sent, Set<String> fields, Instant now) {
        return new AccessNeeds(
                fields.contains("step_free_access") ? sent.stepFreeAccess : stepFreeAccess,
                fields.contains("hearing_loop") ? sent.hearingLoop : hearingLoop,
                fields.contains("quiet_room") ? sent.quietRoom : quietRoom,
                fields.contains("interpreter") ? sent.interpreter : interpreter,
                fields.contains("childcare") ? sent.childcare : childcare,
                fields.contains("travel_paid") ? sent.travelPaid : travelPaid,
                fields.contains("large_print") ? sent.largePrint : largePrint,
                fields.contains("support_worker") ? sent.supportWorker : supportWorker,
                fields.contains("other") ? sent.other : other,
                now, version + 1);
    }

    /** INVALID_ARGUMENT ({@code INVALID_ACCESS_NEEDS}) listing every field that is not valid. */
    public void check() {
        Violations violations = new Violations();
        violations.checkText(interpreter, "access_needs.interpreter", "the interpreter's language", 0, MAX_INTERPRETER);
        violations.checkText(other, "access_needs.other", "what else is needed", 0, MAX_OTHER);
        violations.throwIfAny("INVALID_ACCESS_NEEDS", "Some of the access needs need changing: see each field.");
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
