package org.chorus.commissions.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chorus.commissions.session.Accessibility.Interpreter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps sessions and attendance in the commission's own schema (the transaction's search path decides which). */
@Repository
class JdbcSessionRepository implements SessionRepository {

    private final JdbcClient jdbc;

    JdbcSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Session s) {
        bind(jdbc.sql("""
                INSERT INTO session (id, title, start_time, end_time, place, online_link, step_free_access, hearing_loop,
                    quiet_room, interpreter, interpreter_language, childcare_provided, travel_paid, food_provided, notes,
                    notes_agreed, notes_recorded_by, notes_record_time, state, cancel_reason, created_by, create_time,
                    update_time, version)
                VALUES (:id, :title, :start, :end, :place, :link, :stepFree, :hearingLoop, :quietRoom, :interpreter,
                    :language, :childcare, :travel, :food, :notes, :notesAgreed, :notesBy, :notesTime, :state,
                    :cancelReason, :createdBy, :createTime, :updateTime, :version)"""), s)
                .param("createdBy", s.createdBy())
                .param("createTime", Timestamp.from(s.createTime()))
                .update();
    }

    @Override
    public void update(Session s) {
        bind(jdbc.sql("""
                UPDATE session SET title = :title, start_time = :start, end_time = :end, place = :place,
                    online_link = :link, step_free_access = :stepFree, hearing_loop = :hearingLoop,
                    quiet_room = :quietRoom, interpreter = :interpreter, interpreter_language = :language,
                    childcare_provided = :childcare, travel_paid = :travel, food_provided = :food, notes = :notes,
                    notes_agreed = :notesAgreed, notes_recorded_by = :notesBy, notes_record_time = :notesTime,
                    state = :state, cancel_reason = :cancelReason, update_time = :updateTime, version = :version
                WHERE id = :id"""), s)
                .update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Session s) {
        Accessibility a = s.accessibility();
        return sql.param("id", s.id())
                .param("title", s.title())
                .param("start", Timestamp.from(s.startTime()))
                .param("end", Timestamp.from(s.endTime()))
                .param("place", s.location().place())
                .param("link", s.location().onlineLink())
                .param("stepFree", a.stepFreeAccess())
                .param("hearingLoop", a.hearingLoop())
                .param("quietRoom", a.quietRoom())
                .param("interpreter", a.interpreter().name())
                .param("language", a.interpreterLanguage())
                .param("childcare", a.childcareProvided())
                .param("travel", a.travelPaid())
                .param("food", a.foodProvided())
                .param("notes", s.notes())
                .param("notesAgreed", s.notesConsent().groupAgreed())
                .param("notesBy", s.notesConsent().recordedBy())
                .param("notesTime", s.notesConsent().recordTime() == null ? null : Timestamp.from(s.notesConsent().recordTime()))
                .param("state", s.state().name())
                .param("cancelReason", s.cancelReason())
                .param("updateTime", Timestamp.from(s.updateTime()))
                .param("version", s.version());
    }

    @Override
    public Optional<Session> find(String id) {
        return jdbc.sql("SELECT * FROM session WHERE id = :id").param("id", id).query(JdbcSessionRepository::session).optional();
    }

    @Override
    public Optional<Session> lock(String id) {
        return jdbc.sql("SELECT * FROM session WHERE id = :id FOR UPDATE").param("id", id)
                .query(JdbcSessionRepository::session).optional();
    }

    @Override
    public List<Session> list(Instant from, Instant to, Instant afterStart, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM session WHERE true");
        if (from != null) {
            sql.append(" AND start_time >= :from");
        }
        if (to != null) {
            sql.append(" AND start_time < :to");
        }
        if (afterStart != null) {
            sql.append(" AND (start_time, id) > (:afterStart, :afterId)");
        }
        sql.append(" ORDER BY start_time, id LIMIT :limit");
        JdbcClient.StatementSpec query = jdbc.sql(sql.toString()).param("limit", limit);
        if (from != null) {
            query = query.param("from", Timestamp.from(from));
        }
        if (to != null) {
            query = query.param("to", Timestamp.from(to));
        }
        if (afterStart != null) {
            query = query.param("afterStart", Timestamp.from(afterStart)).param("afterId", afterId);
        }
        return query.query(JdbcSessionRepository::session).list();
    }

    @Override
    public Optional<Attendance> lockAttendance(String sessionId, String member) {
        return jdbc.sql("SELECT * FROM attendance WHERE session_id = :session AND member = :member FOR UPDATE")
                .param("session", sessionId).param("member", member)
                .query(JdbcSessionRepository::attendance).optional();
    }

    @Override
    public Optional<Attendance> findAttendance(String sessionId, String member) {
        return jdbc.sql("SELECT * FROM attendance WHERE session_id = :session AND member = :member")
                .param("session", sessionId).param("member", member)
                .query(JdbcSessionRepository::attendance).optional();
    }

    @Override
    public void saveAttendance(Attendance a) {
        jdbc.sql("""
                        INSERT INTO attendance (session_id, member, attended, minutes, recorded_by, recorded_on_behalf,
                            record_time, version)
                        VALUES (:session, :member, :attended, :minutes, :by, :onBehalf, :time, :version)
                        ON CONFLICT (session_id, member) DO UPDATE SET attended = excluded.attended,
                            minutes = excluded.minutes, recorded_by = excluded.recorded_by,
                            recorded_on_behalf = excluded.recorded_on_behalf, record_time = excluded.record_time,
                            version = excluded.version""")
                .param("session", a.sessionId())
                .param("member", a.member())
                .param("attended", a.attended())
                .param("minutes", a.minutes())
                .param("by", a.recordedBy())
                .param("onBehalf", a.recordedOnBehalf())
                .param("time", Timestamp.from(a.recordTime()))
                .param("version", a.version())
                .update();
    }

    @Override
    public List<Attendance> listAttendance(String sessionId, String afterMember, String onlyMember, int limit) {
        return jdbc.sql("""
                        SELECT * FROM attendance
                        WHERE session_id = :session AND member > :after AND (CAST(:only AS text) IS NULL OR member = :only)
                        ORDER BY member LIMIT :limit""")
                .param("session", sessionId)
                .param("after", afterMember)
                .param("only", onlyMember)
                .param("limit", limit)
                .query(JdbcSessionRepository::attendance)
                .list();
    }

    private static Session session(ResultSet rs, int row) throws SQLException {
        String place = rs.getString("place");
        SessionLocation location = place != null ? SessionLocation.at(place) : SessionLocation.online(rs.getString("online_link"));
        Accessibility accessibility = new Accessibility(rs.getBoolean("step_free_access"), rs.getBoolean("hearing_loop"),
                rs.getBoolean("quiet_room"), Interpreter.valueOf(rs.getString("interpreter")),
                rs.getString("interpreter_language"), rs.getBoolean("childcare_provided"), rs.getBoolean("travel_paid"),
                rs.getBoolean("food_provided"));
        Timestamp notesTime = rs.getTimestamp("notes_record_time");
        NotesConsent consent = notesTime == null ? NotesConsent.NOT_ASKED
                : new NotesConsent(rs.getBoolean("notes_agreed"), rs.getString("notes_recorded_by"), notesTime.toInstant());
        return new Session(rs.getString("id"), rs.getString("title"), rs.getTimestamp("start_time").toInstant(),
                rs.getTimestamp("end_time").toInstant(), location, accessibility, rs.getString("notes"), consent,
                Session.State.valueOf(rs.getString("state")), rs.getString("cancel_reason"), rs.getString("created_by"),
                rs.getTimestamp("create_time").toInstant(), rs.getTimestamp("update_time").toInstant(), rs.getLong("version"));
    }

    private static Attendance attendance(ResultSet rs, int row) throws SQLException {
        return new Attendance(rs.getString("session_id"), rs.getString("member"), rs.getBoolean("attended"),
                rs.getInt("minutes"), rs.getString("recorded_by"), rs.getBoolean("recorded_on_behalf"),
                rs.getTimestamp("record_time").toInstant(), rs.getLong("version"));
    }
}
