package org.chorus.commissions.focus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps focus issues in the commission's own schema. */
@Repository
class JdbcFocusIssueRepository implements FocusIssueRepository {

    private final JdbcClient jdbc;

    JdbcFocusIssueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(FocusIssue issue) {
        bind(jdbc.sql("""
                INSERT INTO focus_issue (id, title, description, state, proposed_by, create_time, how_decided, decided_by,
                    decide_time, update_time, version)
                VALUES (:id, :title, :description, :state, :proposedBy, :createTime, :how, :decidedBy, :decideTime,
                    :updateTime, :version)"""), issue).update();
    }

    @Override
    public void update(FocusIssue issue) {
        bind(jdbc.sql("""
                UPDATE focus_issue SET title = :title, description = :description, state = :state,
                    proposed_by = :proposedBy, create_time = :createTime, how_decided = :how, decided_by = :decidedBy,
                    decide_time = :decideTime, update_time = :updateTime, version = :version
                WHERE id = :id"""), issue).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, FocusIssue i) {
        return sql.param("id", i.id())
                .param("title", i.title())
                .param("description", i.description())
                .param("state", i.state().name())
                .param("proposedBy", i.proposedBy())
                .param("createTime", Timestamp.from(i.createTime()))
                .param("how", i.howDecided())
                .param("decidedBy", i.decidedBy())
                .param("decideTime", i.decideTime() == null ? null : Timestamp.from(i.decideTime()))
                .param("updateTime", Timestamp.from(i.updateTime()))
                .param("version", i.version());
    }

    @Override
    public Optional<FocusIssue> find(String id) {
        return jdbc.sql("SELECT * FROM focus_issue WHERE id = :id").param("id", id)
                .query(JdbcFocusIssueRepository::issue).optional();
    }

    @Override
    public Optional<FocusIssue> lock(String id) {
        return jdbc.sql("SELECT * FROM focus_issue WHERE id = :id FOR UPDATE").param("id", id)
                .query(JdbcFocusIssueRepository::issue).optional();
    }

    @Override
    public List<FocusIssue> list(FocusIssue.State state, Instant afterTime, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM focus_issue WHERE true");
        if (state != null) {
            sql.append(" AND state = :state");
        }
        if (afterTime != null) {
            sql.append(" AND (create_time, id) > (:afterTime, :afterId)");
        }
        sql.append(" ORDER BY create_time, id LIMIT :limit");
        JdbcClient.StatementSpec query = jdbc.sql(sql.toString()).param("limit", limit);
        if (state != null) {
            query = query.param("state", state.name());
        }
        if (afterTime != null) {
            query = query.param("afterTime", Timestamp.from(afterTime)).param("afterId", afterId);
        }
        return query.query(JdbcFocusIssueRepository::issue).list();
    }

    private static FocusIssue issue(ResultSet rs, int row) throws SQLException {
        Timestamp decideTime = rs.getTimestamp("decide_time");
        return new FocusIssue(rs.getString("id"), rs.getString("title"), rs.getString("description"),
                FocusIssue.State.valueOf(rs.getString("state")), rs.getString("proposed_by"),
                rs.getTimestamp("create_time").toInstant(), rs.getString("how_decided"), rs.getString("decided_by"),
                decideTime == null ? null : decideTime.toInstant(), rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"));
    }
}
