package org.chorus.commissions.decision;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps practical decisions in the commission's own schema. */
@Repository
class JdbcPracticalDecisionRepository implements PracticalDecisionRepository {

    private final JdbcClient jdbc;

    JdbcPracticalDecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(PracticalDecision decision) {
        bind(jdbc.sql("""
                INSERT INTO practical_decision (id, topic, title, decision, agreed_by, agreed_on, created_by, create_time,
                    updated_by, update_time, version)
                VALUES (:id, :topic, :title, :decision, :agreedBy, :agreedOn, :createdBy, :createTime, :updatedBy,
                    :updateTime, :version)"""), decision).update();
    }

    @Override
    public void update(PracticalDecision decision) {
        bind(jdbc.sql("""
                UPDATE practical_decision SET topic = :topic, title = :title, decision = :decision, agreed_by = :agreedBy,
                    agreed_on = :agreedOn, created_by = :createdBy, create_time = :createTime, updated_by = :updatedBy,
                    update_time = :updateTime, version = :version
                WHERE id = :id"""), decision).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, PracticalDecision d) {
        return sql.param("id", d.id())
                .param("topic", d.topic().name())
                .param("title", d.title())
                .param("decision", d.decision())
                .param("agreedBy", d.agreedBy())
                .param("agreedOn", Date.valueOf(d.agreedOn()))
                .param("createdBy", d.createdBy())
                .param("createTime", Timestamp.from(d.createTime()))
                .param("updatedBy", d.updatedBy())
                .param("updateTime", Timestamp.from(d.updateTime()))
                .param("version", d.version());
    }

    @Override
    public Optional<PracticalDecision> find(String id) {
        return jdbc.sql("SELECT * FROM practical_decision WHERE id = :id").param("id", id)
                .query(JdbcPracticalDecisionRepository::decision).optional();
    }

    @Override
    public Optional<PracticalDecision> lock(String id) {
        return jdbc.sql("SELECT * FROM practical_decision WHERE id = :id FOR UPDATE").param("id", id)
                .query(JdbcPracticalDecisionRepository::decision).optional();
    }

    @Override
    public List<PracticalDecision> list(PracticalDecision.Topic topic, Instant afterTime, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM practical_decision WHERE true");
        if (topic != null) {
            sql.append(" AND topic = :topic");
        }
        if (afterTime != null) {
            sql.append(" AND (create_time, id) > (:afterTime, :afterId)");
        }
        sql.append(" ORDER BY create_time, id LIMIT :limit");
        JdbcClient.StatementSpec query = jdbc.sql(sql.toString()).param("limit", limit);
        if (topic != null) {
            query = query.param("topic", topic.name());
        }
        if (afterTime != null) {
            query = query.param("afterTime", Timestamp.from(afterTime)).param("afterId", afterId);
        }
        return query.query(JdbcPracticalDecisionRepository::decision).list();
    }

    private static PracticalDecision decision(ResultSet rs, int row) throws SQLException {
        return new PracticalDecision(rs.getString("id"), PracticalDecision.Topic.valueOf(rs.getString("topic")),
                rs.getString("title"), rs.getString("decision"), rs.getString("agreed_by"),
                rs.getDate("agreed_on").toLocalDate(), rs.getString("created_by"), rs.getTimestamp("create_time").toInstant(),
                rs.getString("updated_by"), rs.getTimestamp("update_time").toInstant(), rs.getLong("version"));
    }
}
