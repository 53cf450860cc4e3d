package org.chorus.commissions.scope;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps every version of the scope statement in the commission's own schema. */
@Repository
class JdbcScopeStatementRepository implements ScopeStatementRepository {

    private final JdbcClient jdbc;

    JdbcScopeStatementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ScopeStatement current() {
        return jdbc.sql("SELECT * FROM scope_statement_revision ORDER BY revision DESC LIMIT 1")
                .query(JdbcScopeStatementRepository::version)
                .optional()
                .orElse(ScopeStatement.EMPTY);
    }

    @Override
    public boolean insert(ScopeStatement v) {
        return jdbc.sql("""
                        INSERT INTO scope_statement_revision
                            (revision, open_to_co_production, not_open_to_co_production, reasons, updated_by, create_time)
                        VALUES (:revision, :open, :notOpen, :reasons, :by, :time)
                        ON CONFLICT (revision) DO NOTHING""")
                .param("revision", v.revision())
                .param("open", v.openToCoProduction())
                .param("notOpen", v.notOpenToCoProduction())
                .param("reasons", v.reasons())
                .param("by", v.updatedBy())
                .param("time", Timestamp.from(v.updateTime()))
                .update() == 1;
    }

    @Override
    public List<ScopeStatement> revisionsBefore(int before, int limit) {
        return jdbc.sql("SELECT * FROM scope_statement_revision WHERE revision < :before ORDER BY revision DESC LIMIT :limit")
                .param("before", before)
                .param("limit", limit)
                .query(JdbcScopeStatementRepository::version)
                .list();
    }

    private static ScopeStatement version(ResultSet rs, int row) throws SQLException {
        return new ScopeStatement(rs.getInt("revision"), rs.getString("open_to_co_production"),
                rs.getString("not_open_to_co_production"), rs.getString("reasons"), rs.getString("updated_by"),
                rs.getTimestamp("create_time").toInstant());
    }
}
