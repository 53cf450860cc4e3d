package org.chorus.reporting.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.chorus.reporting.readmodel.FeedEvent.AttendanceRecorded;
import org.chorus.reporting.readmodel.FeedEvent.ClaimPaid;
import org.chorus.reporting.readmodel.FeedEvent.ExperimentMoved;
import org.chorus.reporting.readmodel.FeedEvent.FocusIssueChosen;
import org.chorus.reporting.readmodel.FeedEvent.MemberErased;
import org.chorus.reporting.readmodel.FeedEvent.MemberOrganisation;
import org.chorus.reporting.readmodel.FeedEvent.PhaseMoved;
import org.chorus.reporting.readmodel.FeedEvent.SessionCancelled;
import org.chorus.reporting.readmodel.FeedEvent.SessionChanged;
import org.chorus.reporting.readmodel.FeedEvent.StoryConsent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read models in the commission's schema (the transaction is the commission's). */
@Repository
class JdbcReadModels implements ReadModels {

    private final JdbcClient jdbc;

    JdbcReadModels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(FeedEvent.Fact fact, long sequence, Instant time) {
        switch (fact) {
            case null -> {
            }
            case SessionChanged s -> jdbc.sql("""
                            INSERT INTO session_seen (session_id, start_time, end_time, online, cancelled, step_free, interpreter)
                            VALUES (:id, :start, :end, :online, :cancelled, :stepFree, :interpreter)
                            ON CONFLICT (session_id) DO UPDATE SET start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time,
                                online = EXCLUDED.online, cancelled = EXCLUDED.cancelled, step_free = EXCLUDED.step_free,
                                interpreter = EXCLUDED.interpreter""")
                    .param("id", s.session()).param("start", at(s.start())).param("end", at(s.end())).param("online", s.online())
                    .param("cancelled", s.cancelled()).param("stepFree", s.stepFree()).param("interpreter", s.interpreter())
                    .update();
            case SessionCancelled c -> jdbc.sql("UPDATE session_seen SET cancelled = true WHERE session_id = :id")
                    .param("id", c.session()).update();
            case AttendanceRecorded a -> jdbc.sql("""
                            INSERT INTO attendance_seen (session_id, member_id, attended, minutes, session_start)
                            VALUES (:session, :member, :attended, :minutes, :start)
                            ON CONFLICT (session_id, member_id) DO UPDATE SET attended = EXCLUDED.attended, minutes = EXCLUDED.minutes,
                                session_start = EXCLUDED.session_start""")
                    .param("session", a.session()).param("member", a.member()).param("attended", a.attended())
                    .param("minutes", a.minutes()).param("start", at(a.sessionStart())).update();
            case ClaimPaid p -> jdbc.sql("""
                            INSERT INTO claim_paid (claim_id, member_id, time_claim, amount_pence, minutes, paid_time)
                            VALUES (:claim, :member, :time, :amount, :minutes, :paid) ON CONFLICT (claim_id) DO NOTHING""")
                    .param("claim", p.claim()).param("member", p.member()).param("time", p.timeClaim())
                    .param("amount", p.amountPence()).param("minutes", p.minutes()).param("paid", at(time)).update();
            case ExperimentMoved m -> jdbc.sql("""
                            INSERT INTO experiment_move (sequence, experiment, to_status, learning, move_time)
                            VALUES (:sequence, :experiment, :status, :learning, :time) ON CONFLICT (sequence) DO NOTHING""")
                    .param("sequence", sequence).param("experiment", m.experiment()).param("status", m.toStatus())
                    .param("learning", m.learning()).param("time", at(time)).update();
            case FocusIssueChosen f -> jdbc.sql("""
                            INSERT INTO focus_issue_chosen (focus_issue, title, choose_time) VALUES (:id, :title, :time)
                            ON CONFLICT (focus_issue) DO UPDATE SET title = EXCLUDED.title, choose_time = EXCLUDED.choose_time""")
                    .param("id", f.focusIssue()).param("title", f.title()).param("time", at(time)).update();
            case PhaseMoved m -> jdbc.sql("""
                            INSERT INTO phase_change (sequence, from_phase, to_phase, change_time) VALUES (:sequence, :from, :to, :time)
                            ON CONFLICT (sequence) DO NOTHING""")
                    .param("sequence", sequence).param("from", m.from()).param("to", m.to()).param("time", at(time)).update();
            case StoryConsent c -> jdbc.sql("""
                            INSERT INTO story_consent (member_id, given) VALUES (:member, :given)
                            ON CONFLICT (member_id) DO UPDATE SET given = EXCLUDED.given""")
                    .param("member", c.member()).param("given", c.given()).update();
            case MemberOrganisation m -> jdbc.sql("""
                            INSERT INTO member_organisation (member_id, organization) VALUES (:member, :organization)
                            ON CONFLICT (member_id) DO UPDATE SET organization = EXCLUDED.organization""")
                    .param("member", m.member()).param("organization", m.organization()).update();
            case MemberErased e -> {
                // Their figures stay (they are ids and counts); their own words go.
                jdbc.sql("""
                                INSERT INTO story_consent (member_id, given) VALUES (:member, false)
                                ON CONFLICT (member_id) DO UPDATE SET given = false""")
                        .param("member", e.member()).update();
                jdbc.sql("UPDATE outcome SET title = 'A story taken back', description = '' WHERE kind = 'STORY' AND member_id = :member")
                        .param("member", e.member()).update();
            }
        }
    }

    @Override
    public void counted(int events, Instant newest) {
        jdbc.sql("UPDATE read_model_version SET version = version + :events, newest_event = greatest(newest_event, :time)")
                .param("events", events).param("time", at(newest)).update();
    }

    @Override
    public void forgetAll() {
        for (String table : new String[] {"session_seen", "attendance_seen", "claim_paid", "experiment_move", "focus_issue_chosen",
                "phase_change", "story_consent", "member_organisation", "feed_cursor"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        // The version only grows, so the network's copy of the figures is computed again.
        jdbc.sql("UPDATE read_model_version SET version = version + 1, newest_event = NULL").update();
    }

    /** The month, quarter and year of a time, in the UK's time zone: the periods a figure counts in. */
    private static final String PERIODS = """
            CROSS JOIN LATERAL (VALUES (to_char(%1$s AT TIME ZONE 'Europe/London', 'YYYY-MM')),
                                       (to_char(%1$s AT TIME ZONE 'Europe/London', 'YYYY-"Q"Q')),
                                       (to_char(%1$s AT TIME ZONE 'Europe/London', 'YYYY'))) p(period)""";

    @Override
    public Figures figures(Instant now) {
        Map<Figures.Key, Figures.Cell> cells = new HashMap<>();
        // Sessions held, and how accessible: by month only, since they add up.
        jdbc.sql("""
                        SELECT to_char(start_time AT TIME ZONE 'Europe/London', 'YYYY-MM'), count(*),
                               count(*) FILTER (WHERE step_free), count(*) FILTER (WHERE interpreter), count(*) FILTER (WHERE online)
                        FROM session_seen WHERE NOT cancelled AND start_time <= :now GROUP BY 1""")
                .param("now", at(now))
                .query((rs, i) -> {
                    String month = rs.getString(1);
                    fact(cells, Measure.SESSIONS_HELD, month, rs.getLong(2));
                    fact(cells, Measure.SESSIONS_STEP_FREE, month, rs.getLong(3));
                    fact(cells, Measure.SESSIONS_WITH_INTERPRETER, month, rs.getLong(4));
                    fact(cells, Measure.SESSIONS_ONLINE, month, rs.getLong(5));
                    return month;
                }).list();
        // People taking part, those who stay, and the hours they gave: the people are counted in each period.
        jdbc.sql("""
                        WITH came AS (
                            SELECT a.member_id, a.minutes, s.start_time, nullif(o.organization, '') AS organization,
                                   min(s.start_time) OVER (PARTITION BY a.member_id) AS first_time
                            FROM attendance_seen a JOIN session_seen s USING (session_id)
                                 LEFT JOIN member_organisation o USING (member_id)
                            WHERE a.attended AND NOT s.cancelled AND s.start_time <= :now)
                        SELECT p.period, count(DISTINCT member_id),
                               count(DISTINCT member_id) FILTER (WHERE start_time >= first_time + interval '6 months'),
                               sum(minutes), count(DISTINCT organization)
                        FROM came """ + "\n" + PERIODS.formatted("start_time") + "\nGROUP BY p.period")
                .param("now", at(now))
                .query((rs, i) -> {
                    String period = rs.getString(1);
                    people(cells, Measure.PEOPLE_TAKING_PART, period, rs.getLong(2));
                    people(cells, Measure.PEOPLE_STAYING_SIX_MONTHS, period, rs.getLong(3));
                    magnitude(cells, Measure.HOURS_GIVEN, period, rs.getLong(4) / 60, rs.getLong(2));
                    fact(cells, Measure.ORGANISATIONS_INVOLVED, period, rs.getLong(5));
                    return period;
                }).list();
        // Hours and money paid.
        jdbc.sql("""
                        SELECT p.period, count(DISTINCT member_id) FILTER (WHERE time_claim), sum(minutes) FILTER (WHERE time_claim),
                               count(DISTINCT member_id), sum(amount_pence)
                        FROM claim_paid """ + "\n" + PERIODS.formatted("paid_time") + "\nGROUP BY p.period")
                .query((rs, i) -> {
                    String period = rs.getString(1);
                    magnitude(cells, Measure.HOURS_PAID, period, rs.getLong(3) / 60, rs.getLong(2));
                    magnitude(cells, Measure.POUNDS_PAID, period, rs.getLong(5) / 100, rs.getLong(4));
                    return period;
                }).list();
        // Experiments moved on, and outcomes approved.
        jdbc.sql("""
                        SELECT to_char(move_time AT TIME ZONE 'Europe/London', 'YYYY-MM'), count(*) FILTER (WHERE to_status = 'RUNNING'),
                               count(*) FILTER (WHERE to_status = 'EMBEDDED'), count(*) FILTER (WHERE to_status = 'STOPPED')
                        FROM experiment_move GROUP BY 1""")
                .query((rs, i) -> {
                    fact(cells, Measure.EXPERIMENTS_STARTED, rs.getString(1), rs.getLong(2));
                    fact(cells, Measure.EXPERIMENTS_EMBEDDED, rs.getString(1), rs.getLong(3));
                    fact(cells, Measure.EXPERIMENTS_STOPPED, rs.getString(1), rs.getLong(4));
                    return "";
                }).list();
        jdbc.sql("""
                        SELECT to_char(decide_time AT TIME ZONE 'Europe/London', 'YYYY-MM'), count(*)
                        FROM outcome WHERE state = 'APPROVED' GROUP BY 1""")
                .query((rs, i) -> fact(cells, Measure.OUTCOMES_APPROVED, rs.getString(1), rs.getLong(2))).list();
        return new Figures(Period.addUpOverTime(cells));
    }

    private static Figures.Cell fact(Map<Figures.Key, Figures.Cell> cells, Measure measure, String period, long value) {
        return cells.put(new Figures.Key(measure, period), new Figures.Cell(value, -1));
    }

    private static void people(Map<Figures.Key, Figures.Cell> cells, Measure measure, String period, long people) {
        cells.put(new Figures.Key(measure, period), new Figures.Cell(people, people));
    }

    private static void magnitude(Map<Figures.Key, Figures.Cell> cells, Measure measure, String period, long value, long people) {
        cells.put(new Figures.Key(measure, period), new Figures.Cell(value, people));
    }

    @Override
    public Version version() {
        return jdbc.sql("SELECT version, newest_event FROM read_model_version")
                .query((rs, i) -> new Version(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .single();
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.from(instant);
    }
}
