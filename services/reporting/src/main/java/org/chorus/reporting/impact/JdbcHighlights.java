package org.chorus.reporting.impact;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Highlights from the commission's read models. */
@Repository
class JdbcHighlights implements Highlights {

    private final JdbcClient jdbc;

    JdbcHighlights(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> focusIssuesChosen(Instant from, Instant to) {
        return jdbc.sql("SELECT title FROM focus_issue_chosen WHERE choose_time >= :from AND choose_time < :to ORDER BY choose_time, focus_issue")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(String.class).list();
    }

    @Override
    public List<PhaseChange> phaseChanges(Instant from, Instant to) {
        return jdbc.sql("SELECT from_phase, to_phase, change_time FROM phase_change WHERE change_time >= :from AND change_time < :to ORDER BY sequence")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> new PhaseChange(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
    }

    @Override
    public boolean tookPart(String member, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM attendance_seen a JOIN session_seen s USING (session_id)
                                       WHERE a.member_id = :member AND a.attended AND NOT s.cancelled
                                         AND s.start_time >= :from AND s.start_time < :to)""")
                .param("member", member).param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(Boolean.class).single();
    }

    @Override
    public List<String> learnt(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT learning FROM experiment_move WHERE move_time >= :from AND move_time < :to AND learning <> ''
                        GROUP BY learning ORDER BY min(sequence)""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(String.class).list();
    }
}
