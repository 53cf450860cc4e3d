package org.chorus.commissions.registry;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chorus.platform.names.CommissionId;
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
                        INSERT INTO network.commission (id, display_name, place, start_date, host_organizations, state,
                                                        create_time, update_time, version)
                        VALUES (:id, :displayName, :place, :startDate, string_to_array(:hosts, ' '), :state,
                                :createTime, :updateTime, :version)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", c.id().value())
                .param("displayName", c.displayName())
                .param("place", c.place())
                .param("startDate", c.startDate() == null ? null : Date.valueOf(c.startDate()))
                // Resource names hold no spaces: joined by one, split again by PostgreSQL.
                .param("hosts", String.join(" ", c.hostOrganizations()))
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
    public Optional<Commission> lock(CommissionId id) {
        return jdbc.sql("SELECT * FROM network.commission WHERE id = :id FOR UPDATE")
                .param("id", id.value())
                .query(JdbcCommissionRepository::commission)
                .optional();
    }

    @Override
    public Optional<Commission.State> stateForShare(CommissionId id) {
        return jdbc.sql("SELECT state FROM network.commission WHERE id = :id FOR SHARE")
                .param("id", id.value())
                .query((rs, row) -> Commission.State.valueOf(rs.getString("state")))
                .optional();
    }

    @Override
    public boolean update(Commission c, long previousVersion) {
        return jdbc.sql("""
                        UPDATE network.commission
                        SET state = :state, update_time = :updateTime, archive_time = :archiveTime,
                            archive_reason = :archiveReason, version = :version
                        WHERE id = :id AND version = :previousVersion""")
                .param("id", c.id().value())
                .param("state", c.state().name())
                .param("updateTime", Timestamp.from(c.updateTime()))
                .param("archiveTime", c.archiveTime() == null ? null : Timestamp.from(c.archiveTime()))
                .param("archiveReason", c.archiveReason())
                .param("version", c.version())
                .param("previousVersion", previousVersion)
                .update() == 1;
    }

    @Override
    public List<Commission> listAfter(String after, int limit, boolean withArchived) {
        return jdbc.sql("SELECT * FROM network.commission WHERE id > :after AND (:withArchived OR state = 'ACTIVE') "
                        + "ORDER BY id LIMIT :limit")
                .param("after", after)
                .param("withArchived", withArchived)
                .param("limit", limit)
                .query(JdbcCommissionRepository::commission)
                .list();
    }

    @Override
    public List<Commission> listAfter(String after, int limit, boolean withArchived, Set<CommissionId> only) {
        if (only.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM network.commission WHERE id > :after AND id IN (:only) "
                        + "AND (:withArchived OR state = 'ACTIVE') ORDER BY id LIMIT :limit")
                .param("after", after)
                .param("only", only.stream().map(CommissionId::value).toList())
                .param("withArchived", withArchived)
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
                List.of((String[]) rs.getArray("host_organizations").getArray()),
                Commission.State.valueOf(rs.getString("state")),
                instant(rs, "create_time"),
                instant(rs, "update_time"),
                instant(rs, "archive_time"),
                rs.getString("archive_reason"),
                rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp time = rs.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }
}
