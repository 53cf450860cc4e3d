package org.chorus.membership.grant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.identity.Role;
import org.chorus.platform.tenancy.CommissionSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps grants in the commission's own schema. Names are unqualified: the commission's transaction
 * sets the search path, and its role cannot reach any other commission's table.
 */
@Repository
class JdbcRoleGrantRepository implements RoleGrantRepository {

    private final JdbcClient jdbc;

    JdbcRoleGrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(RoleGrant g) {
        return jdbc.sql("""
                        INSERT INTO role_grant (id, person, subject, role, granted_by, create_time, mirror_state, version)
                        VALUES (:id, :person, :subject, :role, :by, :time, :mirror, :version)
                        ON CONFLICT (person, role) WHERE revoke_time IS NULL DO NOTHING""")
                .param("id", g.id())
                .param("person", g.person())
                .param("subject", g.subject())
                .param("role", g.role().claimName())
                .param("by", g.grantedBy())
                .param("time", Timestamp.from(g.createTime()))
                .param("mirror", g.mirrorState().name())
                .param("version", g.version())
                .update() == 1;
    }

    @Override
    public Optional<RoleGrant> find(UUID id) {
        return jdbc.sql("SELECT *, current_schema() AS schema FROM role_grant WHERE id = :id")
                .param("id", id)
                .query(JdbcRoleGrantRepository::grant)
                .optional();
    }

    @Override
    public boolean revoke(RoleGrant revoked) {
        return jdbc.sql("""
                        UPDATE role_grant SET revoked_by = :by, revoke_time = :time, mirror_state = :mirror, version = :version
                        WHERE id = :id AND version = :before AND revoke_time IS NULL""")
                .param("by", revoked.revokedBy())
                .param("time", Timestamp.from(revoked.revokeTime()))
                .param("mirror", revoked.mirrorState().name())
                .param("version", revoked.version())
                .param("id", revoked.id())
                .param("before", revoked.version() - 1)
                .update() == 1;
    }

    @Override
    public void recordSubject(UUID id, String subject) {
        jdbc.sql("UPDATE role_grant SET subject = :subject WHERE id = :id AND subject IS NULL")
                .param("subject", subject)
                .param("id", id)
                .update();
    }

    @Override
    public boolean markMirrored(UUID id, long version) {
        return jdbc.sql("UPDATE role_grant SET mirror_state = 'MIRRORED' WHERE id = :id AND version = :version")
                .param("id", id)
                .param("version", version)
                .update() == 1;
    }

    @Override
    public boolean holds(String subject, Role role) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM role_grant WHERE subject = :subject AND role = :role AND revoke_time IS NULL)")
                .param("subject", subject)
                .param("role", role.claimName())
                .query(Boolean.class)
                .single();
    }

    @Override
    public List<RoleGrant> pending(int limit) {
        return jdbc.sql("SELECT *, current_schema() AS schema FROM role_grant WHERE mirror_state = 'PENDING' ORDER BY create_time, id LIMIT :limit")
                .param("limit", limit)
                .query(JdbcRoleGrantRepository::grant)
                .list();
    }

    @Override
    public List<RoleGrant> listAfter(Instant afterTime, UUID afterId, boolean withRevoked, String person, int limit) {
        return jdbc.sql("""
                        SELECT *, current_schema() AS schema FROM role_grant
                        WHERE (create_time, id) > (:time, :id) AND (:withRevoked OR revoke_time IS NULL)
                          AND (CAST(:person AS text) IS NULL OR subject = :person OR person = :person)
                        ORDER BY create_time, id LIMIT :limit""")
                .param("time", Timestamp.from(afterTime))
                .param("id", afterId)
                .param("withRevoked", withRevoked)
                .param("person", person)
                .param("limit", limit)
                .query(JdbcRoleGrantRepository::grant)
                .list();
    }

    private static RoleGrant grant(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoke_time");
        String commission = CommissionSchema.commissionIdOf(rs.getString("schema"));
        return new RoleGrant(
                rs.getObject("id", UUID.class),
                commission,
                rs.getString("person"),
                rs.getString("subject"),
                Role.fromClaim(rs.getString("role")).orElseThrow(),
                rs.getString("granted_by"),
                rs.getTimestamp("create_time").toInstant(),
                rs.getString("revoked_by"),
                revoked == null ? null : revoked.toInstant(),
                RoleGrant.MirrorState.valueOf(rs.getString("mirror_state")),
                rs.getLong("version"));
    }
}
