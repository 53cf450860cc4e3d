package org.chorus.commissions.groundrules;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Keeps every version of the ground rules in the commission's own schema; the rules as a JSON array. */
@Repository
class JdbcGroundRulesRepository implements GroundRulesRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> RULES = new TypeReference<>() { };

    private final JdbcClient jdbc;

    JdbcGroundRulesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public GroundRules current() {
        return jdbc.sql("SELECT revision, rules::text AS rules, agreed_on, how_agreed, updated_by, create_time "
                        + "FROM ground_rules_revision ORDER BY revision DESC LIMIT 1")
                .query(JdbcGroundRulesRepository::version)
                .optional()
                .orElse(GroundRules.EMPTY);
    }

    @Override
    public boolean insert(GroundRules v) {
        return jdbc.sql("""
                        INSERT INTO ground_rules_revision (revision, rules, agreed_on, how_agreed, updated_by, create_time)
                        VALUES (:revision, CAST(:rules AS jsonb), :agreedOn, :how, :by, :time)
                        ON CONFLICT (revision) DO NOTHING""")
                .param("revision", v.revision())
                .param("rules", JSON.writeValueAsString(v.rules()))
                .param("agreedOn", Date.valueOf(v.agreedOn()))
                .param("how", v.howAgreed())
                .param("by", v.updatedBy())
                .param("time", Timestamp.from(v.updateTime()))
                .update() == 1;
    }

    @Override
    public List<GroundRules> revisionsBefore(int before, int limit) {
        return jdbc.sql("SELECT revision, rules::text AS rules, agreed_on, how_agreed, updated_by, create_time "
                        + "FROM ground_rules_revision WHERE revision < :before ORDER BY revision DESC LIMIT :limit")
                .param("before", before)
                .param("limit", limit)
                .query(JdbcGroundRulesRepository::version)
                .list();
    }

    private static GroundRules version(ResultSet rs, int row) throws SQLException {
        return new GroundRules(rs.getInt("revision"), JSON.readValue(rs.getString("rules"), RULES),
                rs.getDate("agreed_on").toLocalDate(), rs.getString("how_agreed"), rs.getString("updated_by"),
                rs.getTimestamp("create_time").toInstant());
    }
}
