package org.chorus.commissions.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps experiments in the commission's own schema. */
@Repository
class JdbcExperimentRepository implements ExperimentRepository {

    private final JdbcClient jdbc;

    JdbcExperimentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Experiment e) {
        bind(jdbc.sql("""
                INSERT INTO experiment (id, title, hypothesis, change, lead, status, learning, created_by, create_time,
                    update_time, version)
                VALUES (:id, :title, :hypothesis, :change, :lead, :status, :learning, :createdBy, :createTime,
                    :updateTime, :version)"""), e).update();
    }

    @Override
    public void update(Experiment e) {
        bind(jdbc.sql("""
                UPDATE experiment SET title = :title, hypothesis = :hypothesis, change = :change, lead = :lead,
                    status = :status, learning = :learning, created_by = :createdBy, create_time = :createTime,
                    update_time = :updateTime, version = :version
                WHERE id = :id"""), e).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Experiment e) {
        return sql.param("id", e.id())
                .param("title", e.title())
                .param("hypothesis", e.hypothesis())
                .param("change", e.change())
                .param("lead", e.lead())
                .param("status", e.status().name())
                .param("learning", e.learning())
                .param("createdBy", e.createdBy())
                .param("createTime", Timestamp.from(e.createTime()))
                .param("updateTime", Timestamp.from(e.updateTime()))
                .param("version", e.version());
    }

    @Override
    public Optional<Experiment> find(String id) {
        return jdbc.sql("SELECT * FROM experiment WHERE id = :id").param("id", id)
                .query(JdbcExperimentRepository::experiment).optional();
    }

    @Override
    public Optional<Experiment> lock(String id) {
        return jdbc.sql("SELECT * FROM experiment WHERE id = :id FOR UPDATE").param("id", id)
                .query(JdbcExperimentRepository::experiment).optional();
    }

    @Override
    public List<Experiment> list(Experiment.Status status, Instant afterTime, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM experiment WHERE true");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (afterTime != null) {
            sql.append(" AND (create_time, id) > (:afterTime, :afterId)");
        }
        sql.append(" ORDER BY create_time, id LIMIT :limit");
        JdbcClient.StatementSpec query = jdbc.sql(sql.toString()).param("limit", limit);
        if (status != null) {
            query = query.param("status", status.name());
        }
        if (afterTime != null) {
            query = query.param("afterTime", Timestamp.from(afterTime)).param("afterId", afterId);
        }
        return query.query(JdbcExperimentRepository::experiment).list();
    }

    private static Experiment experiment(ResultSet rs, int row) throws SQLException {
        return new Experiment(rs.getString("id"), rs.getString("title"), rs.getString("hypothesis"), rs.getString("change"),
                rs.getString("lead"), Experiment.Status.valueOf(rs.getString("status")), rs.getString("learning"),
                rs.getString("created_by"), rs.getTimestamp("create_time").toInstant(), rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"));
    }
}
