package org.chorus.commissions.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chorus.platform.personal.PersonalDataHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the commissions service keeps about a person: their attendance and their invitations with
 * replies. None of it names them (they are an id here), and their hours are what the commission
 * counts, so erasure deletes nothing: once membership destroyed their key, the id names nobody.
 */
@Component
class JdbcSessionPersonalData implements PersonalDataHolder {

    private final JdbcClient jdbc;

    JdbcSessionPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String part() {
        return "sessions";
    }

    @Override
    public Object export(String commission, String member, String reader) {
        String sessions = "commissions/" + commission + "/sessions/";
        List<Map<String, Object>> attendance = jdbc.sql("""
                        SELECT a.session_id, s.title, a.attended, a.minutes, a.recorded_on_behalf, a.record_time
                        FROM attendance a JOIN session s ON s.id = a.session_id WHERE a.member = :member ORDER BY a.record_time""")
                .param("member", member)
                .query((rs, row) -> row(Map.of("session", sessions + rs.getString(1), "title", rs.getString(2), "attended", rs.getBoolean(3),
                        "minutes", rs.getInt(4), "recordedForThem", rs.getBoolean(5), "recordTime", rs.getTimestamp(6).toInstant().toString())))
                .list();
        List<Map<String, Object>> invitations = jdbc.sql("""
                        SELECT i.session_id, s.title, i.reply, i.replied_on_behalf, i.invite_time
                        FROM invitation i JOIN session s ON s.id = i.session_id WHERE i.member = :member ORDER BY i.invite_time""")
                .param("member", member)
                .query((rs, row) -> row(Map.of("session", sessions + rs.getString(1), "title", rs.getString(2), "reply", rs.getString(3),
                        "repliedForThem", rs.getBoolean(4), "inviteTime", rs.getTimestamp(5).toInstant().toString())))
                .list();
        Map<String, Object> held = new LinkedHashMap<>();
        if (!attendance.isEmpty()) {
            held.put("attendance", attendance);
        }
        if (!invitations.isEmpty()) {
            held.put("invitations", invitations);
        }
        return held;
    }

    /** Nothing here names the person, and their hours stay counted. */
    @Override
    public void erase(String commission, String member) {
    }

    private static Map<String, Object> row(Map<String, Object> values) {
        return new LinkedHashMap<>(values);
    }
}
