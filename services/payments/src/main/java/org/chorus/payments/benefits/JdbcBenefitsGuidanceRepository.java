package org.chorus.payments.benefits;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.platform.crypto.SealingKeys.Sealed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps benefits guidance data in the commission's own schema: table names are unqualified, and the
 * commission's transaction has set the search path to its schema.
 */
@Repository
class JdbcBenefitsGuidanceRepository implements BenefitsGuidanceRepository {

    private final JdbcClient jdbc;

    JdbcBenefitsGuidanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredSituation> findSituation(String memberId) {
        return jdbc.sql("SELECT * FROM benefits_situation WHERE member_id = :member")
                .param("member", memberId)
                .query((rs, n) -> new StoredSituation(rs.getString("member_id"),
                        new Sealed(rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext")),
                        rs.getLong("version"), rs.getTimestamp("update_time").toInstant()))
                .optional();
    }

    @Override
    public boolean insertSituation(StoredSituation s) {
        return jdbc.sql("""
                        INSERT INTO benefits_situation (member_id, key_id, nonce, ciphertext, version, update_time)
                        VALUES (:member, :keyId, :nonce, :ciphertext, :version, :time)
                        ON CONFLICT (member_id) DO NOTHING""")
                .param("member", s.memberId())
                .param("keyId", s.sealed().keyId())
                .param("nonce", s.sealed().nonce())
                .param("ciphertext", s.sealed().ciphertext())
                .param("version", s.version())
                .param("time", Timestamp.from(s.updateTime()))
                .update() == 1;
    }

    @Override
    public boolean replaceSituation(StoredSituation s, long expectedVersion) {
        return jdbc.sql("""
                        UPDATE benefits_situation
                        SET key_id = :keyId, nonce = :nonce, ciphertext = :ciphertext, version = :version, update_time = :time
                        WHERE member_id = :member AND version = :expected""")
                .param("member", s.memberId())
                .param("keyId", s.sealed().keyId())
                .param("nonce", s.sealed().nonce())
                .param("ciphertext", s.sealed().ciphertext())
                .param("version", s.version())
                .param("time", Timestamp.from(s.updateTime()))
                .param("expected", expectedVersion)
                .update() == 1;
    }

    @Override
    public void recordAccess(String memberId, String actorSubject, String capacity, String action, java.time.Instant time) {
        jdbc.sql("""
                        INSERT INTO benefits_situation_access (member_id, actor_subject, capacity, action, access_time)
                        VALUES (:member, :actor, :capacity, :action, :time)""")
                .param("member", memberId)
                .param("actor", actorSubject)
                .param("capacity", capacity)
                .param("action", action)
                .param("time", Timestamp.from(time))
                .update();
    }

    @Override
    public Optional<StoredChoice> findChoice(String memberId, UUID id) {
        return jdbc.sql("SELECT * FROM payment_choice WHERE member_id = :member AND id = :id")
                .param("member", memberId)
                .param("id", id)
                .query(JdbcBenefitsGuidanceRepository::choice)
                .optional();
    }

    @Override
    public void insertChoice(StoredChoice c) {
        jdbc.sql("""
                        INSERT INTO payment_choice (id, member_id, request_id, request_hash, method, lower_amount_pence, reason,
                                                    plan, london, rules_versions, guidance_fingerprint, create_time, recorded_by,
                                                    on_behalf)
                        VALUES (:id, :member, :request, :hash, :method, :lower, :reason,
                                CAST(convert_from(:plan, 'UTF8') AS jsonb), :london, string_to_array(:versions, ','),
                                :fingerprint, :time, :recordedBy, :onBehalf)""")
                .param("id", c.id())
                .param("member", c.memberId())
                .param("request", c.requestId())
                .param("hash", c.requestHash())
                .param("method", c.method())
                .param("lower", c.lowerAmountPence())
                .param("reason", c.reason())
                .param("plan", c.planJson())
                .param("london", c.london())
                // Rules versions never hold a comma (they are checked on the way in).
                .param("versions", String.join(",", c.rulesVersions()))
                .param("fingerprint", c.guidanceFingerprint())
                .param("time", Timestamp.from(c.createTime()))
                .param("recordedBy", c.recordedBy())
                .param("onBehalf", c.onBehalf())
                .update();
    }

    @Override
    public void lockChoicesOf(String memberId) {
        // Two keys (the commission's choices, the member): apart from the one-key locks of payouts and request ids.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':payment-choices'), hashtext(:member))")
                .param("member", memberId).query().singleRow();
    }

    @Override
    public List<StoredChoice> choicesOf(String memberId) {
        return jdbc.sql("SELECT * FROM payment_choice WHERE member_id = :member ORDER BY create_time, id")
                .param("member", memberId)
                .query(JdbcBenefitsGuidanceRepository::choice)
                .list();
    }

    @Override
    public void deleteSituation(String memberId) {
        jdbc.sql("DELETE FROM benefits_situation WHERE member_id = :member").param("member", memberId).update();
    }

    @Override
    public void eraseMember(String memberId) {
        deleteSituation(memberId);
        jdbc.sql("DELETE FROM benefits_situation_access WHERE member_id = :member").param("member", memberId).update();
        jdbc.sql("UPDATE payment_choice SET reason = '' WHERE member_id = :member").param("member", memberId).update();
    }

    private static StoredChoice choice(ResultSet rs, int row) throws SQLException {
        long lower = rs.getLong("lower_amount_pence");
        Long lowerAmount = rs.wasNull() ? null : lower;
        Array versions = rs.getArray("rules_versions");
        return new StoredChoice(rs.getObject("id", UUID.class), rs.getString("member_id"),
                rs.getObject("request_id", UUID.class), rs.getString("request_hash"), rs.getString("method"), lowerAmount,
                rs.getString("reason"), rs.getString("plan").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                rs.getBoolean("london"), List.copyOf(Arrays.asList((String[]) versions.getArray())),
                rs.getString("guidance_fingerprint"), rs.getTimestamp("create_time").toInstant(), rs.getString("recorded_by"),
                rs.getBoolean("on_behalf"));
    }
}
