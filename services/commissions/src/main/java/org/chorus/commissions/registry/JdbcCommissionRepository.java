package org.chorus.commissions.registry;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps commissions in the {@code network} schema of the service's PostgreSQL database. */
@Repository
class JdbcCommissionRepository implements CommissionRepository {

    private final JdbcClient jdbc;

    JdbcCommissionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Commission c) {
        int rows = jdbc.sql("""
                        INSERT INTO network.commission (id, display_name, place, start_date, state, create_time, update_time, version)
                        VALUES (:id, :displayName, :place, :startDate, :state, :createTime, :updateTime, :version)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", c.id().value())
                .param("displayName", c.displayName())
                .param("place", c.place())
                .param("startDate", c.startDate() == null ? null : Date.valueOf(c.startDate()))
                .param("state", c.state().name())
                .param("createTime", Timestamp.from(c.createTime()))
                .param("updateTime", Timestamp.from(c.updateTime()))
                .param("version", c.version())
                .update();
        return rows == 1;
    }

    @Override
    public Optional<Commission> find(CommissionId id) {
        return jdbc.sql("SELECT * FROM network.commission WHERE id = :id")
                .param("id", id.value())
                .query(JdbcCommissionRepository::commission)
                .optional();
    }

    @Override
    public List<Commission> listAfter(String after, int limit) {
        return jdbc.sql("SELECT * FROM network.commission WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", after)
                .param("limit", limit)
                .query(JdbcCommissionRepository::commission)
                .list();
    }

    @Override
    public List<Commission> listAfter(String after, int limit, Set<CommissionId> only) {
        if (only.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM network.commission WHERE id > :after AND id IN (:only) ORDER BY id LIMIT :limit")
                .param("after", after)
                .param("only", only.stream().map(CommissionId::value).toList())
                .param("limit", limit)
                .query(JdbcCommissionRepository::commission)
                .list();
    }

    private static Commission commission(ResultSet rs, int row) throws SQLException {
        Date start = rs.getDate("start_date");
        return new Commission(
                new CommissionId(rs.getString("id")),
                rs.getString("display_name"),
                rs.getString("place"),
                start == null ? null : start.toLocalDate(),
                Commission.State.valueOf(rs.getString("state")),
                instant(rs, "create_time"),
                instant(rs, "update_time"),
                rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
