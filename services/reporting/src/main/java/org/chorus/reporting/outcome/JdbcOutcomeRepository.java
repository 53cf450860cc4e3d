package org.chorus.reporting.outcome;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Outcomes in the commission's schema. */
@Repository
class JdbcOutcomeRepository implements OutcomeRepository {

    private static final String COLUMNS = "outcome_id, kind, title, description, member_id, state, reason, created_by, create_time, decide_time";

    private final JdbcClient jdbc;

    JdbcOutcomeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Outcome o) {
        jdbc.sql("""
                        INSERT INTO outcome (outcome_id, kind, title, description, member_id, state, created_by, create_time)
                        VALUES (:id, :kind, :title, :description, :member, :state, :by, :time)""")
                .param("id", o.id()).param("kind", o.kind().name()).param("title", o.title()).param("description", o.description())
                .param("member", o.member()).param("state", o.state().name()).param("by", o.createdBy())
                .param("time", Timestamp.from(o.createTime())).update();
    }

    @Override
    public Optional<Outcome> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outcome WHERE outcome_id = :id").param("id", id).query(this::row).optional();
    }

    @Override
    public Optional<Outcome> lock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outcome WHERE outcome_id = :id FOR UPDATE").param("id", id).query(this::row).optional();
    }

    @Override
    public void decide(String id, Outcome.State state, String reason, String decidedBy, Instant time) {
        jdbc.sql("UPDATE outcome SET state = :state, reason = :reason, decided_by = :by, decide_time = :time WHERE outcome_id = :id")
                .param("state", state.name()).param("reason", reason).param("by", decidedBy).param("time", Timestamp.from(time))
                .param("id", id).update();
        // An approval changes the figures (outcomes approved): the network's copy is computed again.
        jdbc.sql("UPDATE read_model_version SET version = version + 1").update();
    }

    @Override
    public List<Outcome> list(Instant afterTime, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outcome WHERE (CAST(:time AS timestamptz) IS NULL OR (create_time, outcome_id) < (:time, :id))"
                        + " ORDER BY create_time DESC, outcome_id DESC LIMIT :limit")
                .param("time", afterTime == null ? null : Timestamp.from(afterTime)).param("id", afterId).param("limit", limit)
                .query(this::row).list();
    }

    @Override
    public List<Outcome> approvedBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outcome WHERE state = 'APPROVED' AND decide_time >= :from AND decide_time < :to"
                        + " AND (kind = 'OUTCOME' OR EXISTS (SELECT 1 FROM story_consent c WHERE c.member_id = outcome.member_id AND c.given))"
                        + " ORDER BY decide_time DESC, outcome_id DESC")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(this::row).list();
    }

    @Override
    public boolean storyConsentGiven(String member) {
        return jdbc.sql("SELECT given FROM story_consent WHERE member_id = :member").param("member", member).query(Boolean.class)
                .optional().orElse(false);
    }

    private Outcome row(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp("decide_time");
        return new Outcome(rs.getString("outcome_id"), Outcome.Kind.valueOf(rs.getString("kind")), rs.getString("title"),
                rs.getString("description"), rs.getString("member_id"), Outcome.State.valueOf(rs.getString("state")),
                rs.getString("reason"), rs.getString("created_by"), rs.getTimestamp("create_time").toInstant(),
                decided == null ? null : decided.toInstant());
    }
}
