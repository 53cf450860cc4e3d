package org.chorus.membership.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.chorus.membership.member.Member.Kind;
import org.chorus.membership.member.Member.StateChange;
import org.chorus.membership.member.MemberState.Change;
import org.chorus.membership.member.PersonalDetails.Credit;
import org.chorus.platform.personal.PersonalDataKeys;
import org.chorus.platform.tenancy.CommissionSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Members in the commission's own schema. Their details are one sealed JSON value under their own
 * key; the email is also kept as a keyed digest, so an address is in the commission only once.
 */
@Repository
class JdbcMemberRepository implements MemberRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DETAILS = "member.personal";
    private static final String REASON = "member_state_change.reason";

    private final JdbcClient jdbc;
    private final PersonalDataKeys keys;

    JdbcMemberRepository(JdbcClient jdbc, PersonalDataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @Override
    public boolean insert(Member m, StateChange first) {
        boolean stored = jdbc.sql("""
                        INSERT INTO member (id, account, kind, state, credit, organization, personal, email_index, create_time,
                                            update_time, version)
                        VALUES (:id, :account, :kind, :state, :credit, :organization, :personal, :email, :time, :time, :version)
                        ON CONFLICT DO NOTHING""")
                .param("id", m.id())
                .param("account", m.account())
                .param("kind", m.kind().name())
                .param("state", m.state().name())
                .param("credit", m.credit().name())
                .param("organization", m.organization())
                .param("personal", keys.seal(m.id(), DETAILS, JSON.writeValueAsBytes(m.personal())))
                .param("email", emailIndex(m.personal()))
                .param("time", Timestamp.from(m.createTime()))
                .param("version", m.version())
                .update() == 1;
        if (stored) {
            addChange(m.id(), first);
        }
        return stored;
    }

    @Override
    public Optional<Member> find(String id) {
        return jdbc.sql("SELECT *, current_schema() AS schema FROM member WHERE id = :id")
                .param("id", id)
                .query(this::member)
                .optional()
                .map(this::withHistory);
    }

    @Override
    public boolean hasEmail(String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM member WHERE email_index = :index)")
                .param("index", keys.index(email.strip().toLowerCase(Locale.ROOT)))
                .query(Boolean.class).single();
    }

    @Override
    public boolean update(Member m) {
        return jdbc.sql("""
                        UPDATE member SET account = :account, kind = :kind, state = :state, credit = :credit,
                               organization = :organization, personal = :personal, email_index = :email,
                               update_time = :time, version = :version
                        WHERE id = :id AND version = :before""")
                .param("account", m.account())
                .param("kind", m.kind().name())
                .param("state", m.state().name())
                .param("credit", m.credit().name())
                .param("organization", m.organization())
                .param("personal", m.state() == MemberState.ERASED ? null : keys.seal(m.id(), DETAILS, JSON.writeValueAsBytes(m.personal())))
                .param("email", m.state() == MemberState.ERASED ? null : emailIndex(m.personal()))
                .param("time", Timestamp.from(m.updateTime()))
                .param("version", m.version())
                .param("id", m.id())
                .param("before", m.version() - 1)
                .update() == 1;
    }

    @Override
    public void addChange(String id, StateChange c) {
        jdbc.sql("""
                        INSERT INTO member_state_change (member_id, change, state, effective_date, reason, recorded_by, on_behalf, record_time)
                        VALUES (:id, :change, :state, :day, :reason, :by, :onBehalf, :time)""")
                .param("id", id)
                .param("change", c.change().name())
                .param("state", c.state().name())
                .param("day", c.effectiveDate())
                .param("reason", c.reason().isEmpty() || c.state() == MemberState.ERASED ? null : keys.sealText(id, REASON, c.reason()))
                .param("by", c.recordedBy())
                .param("onBehalf", c.onBehalf())
                .param("time", Timestamp.from(c.recordTime()))
                .update();
    }

    @Override
    public void forgetPersonalFields(String id) {
        jdbc.sql("UPDATE member SET personal = NULL, email_index = NULL WHERE id = :id").param("id", id).update();
        jdbc.sql("UPDATE member_state_change SET reason = NULL WHERE member_id = :id").param("id", id).update();
    }

    @Override
    public List<Member> listAfter(Instant afterTime, String afterId, int limit) {
        List<Member> page = jdbc.sql("""
                        SELECT *, current_schema() AS schema FROM member
                        WHERE (create_time, id) > (:time, :id) ORDER BY create_time, id LIMIT :limit""")
                .param("time", Timestamp.from(afterTime))
                .param("id", afterId)
                .param("limit", limit)
                .query(this::member)
                .list();
        return page.stream().map(this::withHistory).toList();
    }

    @Override
    public RetentionPolicy retention() {
        return jdbc.sql("SELECT erase_after_leaving_days, updated_by, update_time FROM retention_policy")
                .query((rs, row) -> new RetentionPolicy(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional().orElse(RetentionPolicy.DEFAULT);
    }

    @Override
    public void saveRetention(RetentionPolicy policy) {
        jdbc.sql("""
                        INSERT INTO retention_policy (erase_after_leaving_days, updated_by, update_time) VALUES (:days, :by, :time)
                        ON CONFLICT (singleton) DO UPDATE SET erase_after_leaving_days = :days, updated_by = :by, update_time = :time""")
                .param("days", policy.eraseAfterLeavingDays())
                .param("by", policy.updatedBy())
                .param("time", Timestamp.from(policy.updateTime()))
                .update();
    }

    @Override
    public List<String> leftBeforeAndNotKept(LocalDate day) {
        return jdbc.sql("""
                        SELECT m.id FROM member m
                        JOIN LATERAL (SELECT change, effective_date FROM member_state_change c WHERE c.member_id = m.id
                                      ORDER BY c.id DESC LIMIT 1) latest ON true
                        WHERE m.state = 'LEFT' AND latest.change = 'LEAVE' AND latest.effective_date < :day
                          AND NOT coalesce((SELECT given FROM consent k WHERE k.member_id = m.id
                                            AND k.purpose = 'KEEPING_DETAILS_AFTER_LEAVING' ORDER BY k.id DESC LIMIT 1), false)
                        ORDER BY m.id""")
                .param("day", day)
                .query(String.class)
                .list();
    }

    private Member withHistory(Member m) {
        List<StateChange> history = jdbc.sql("SELECT * FROM member_state_change WHERE member_id = :id ORDER BY id")
                .param("id", m.id())
                .query((rs, row) -> new StateChange(
                        Change.valueOf(rs.getString("change")),
                        MemberState.valueOf(rs.getString("state")),
                        rs.getObject("effective_date", LocalDate.class),
                        keys.openText(m.id(), REASON, rs.getBytes("reason")).orElse(""),
                        rs.getString("recorded_by"),
                        rs.getBoolean("on_behalf"),
                        rs.getTimestamp("record_time").toInstant()))
                .list();
        return new Member(m.commission(), m.id(), m.account(), m.kind(), m.state(), m.credit(), m.organization(), m.personal(),
                history, m.createTime(), m.updateTime(), m.version());
    }

    private Member member(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        PersonalDetails personal = keys.open(id, DETAILS, rs.getBytes("personal"))
                .map(bytes -> JSON.readValue(bytes, PersonalDetails.class))
                .orElse(PersonalDetails.NONE);
        String commission = CommissionSchema.commissionIdOf(rs.getString("schema"));
        return new Member(commission, id, rs.getString("account"), Kind.valueOf(rs.getString("kind")),
                MemberState.valueOf(rs.getString("state")), Credit.valueOf(rs.getString("credit")), rs.getString("organization"),
                personal, new ArrayList<>(), rs.getTimestamp("create_time").toInstant(), rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"));
    }

    private String emailIndex(PersonalDetails personal) {
        return personal.email().isEmpty() ? null : keys.index(personal.email());
    }
}
