package org.chorus.membership.consent;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Answers in the commission's own schema, in the order recorded. */
@Repository
class JdbcConsentRepository implements ConsentRepository {

    private final JdbcClient jdbc;

    JdbcConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Consent c) {
        jdbc.sql("""
                        INSERT INTO consent (member_id, purpose, given, wording_version, recorded_by, on_behalf, record_time)
                        VALUES (:member, :purpose, :given, :version, :by, :onBehalf, :time)""")
                .param("member", c.member())
                .param("purpose", c.purpose().name())
                .param("given", c.given())
                .param("version", c.wordingVersion())
                .param("by", c.recordedBy())
                .param("onBehalf", c.onBehalf())
                .param("time", Timestamp.from(c.recordTime()))
                .update();
    }

    @Override
    public List<Consent> of(String commission, String member, boolean latestOnly) {
        return jdbc.sql("""
                        SELECT * FROM consent c WHERE member_id = :member
                          AND (NOT :latest OR id = (SELECT max(id) FROM consent l WHERE l.member_id = c.member_id AND l.purpose = c.purpose))
                        ORDER BY id""")
                .param("member", member)
                .param("latest", latestOnly)
                .query((rs, row) -> new Consent(commission, member, ConsentPurposes.valueOf(rs.getString("purpose")),
                        rs.getBoolean("given"), rs.getInt("wording_version"), rs.getString("recorded_by"), rs.getBoolean("on_behalf"),
                        rs.getTimestamp("record_time").toInstant()))
                .list();
    }
}
