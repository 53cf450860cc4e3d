package org.chorus.commissions.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps invitations and replies in the commission's own schema. */
@Repository
class JdbcInvitationRepository implements InvitationRepository {

    private final JdbcClient jdbc;

    JdbcInvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Invitation invitation) {
        return bind(jdbc.sql("""
                INSERT INTO invitation (session_id, member, reply, invited_by, invite_time, replied_by, replied_on_behalf,
                    reply_time, version)
                VALUES (:session, :member, :reply, :invitedBy, :inviteTime, :repliedBy, :onBehalf, :replyTime, :version)
                ON CONFLICT (session_id, member) DO NOTHING"""), invitation).update() == 1;
    }

    @Override
    public void update(Invitation invitation) {
        bind(jdbc.sql("""
                UPDATE invitation SET reply = :reply, invited_by = :invitedBy, invite_time = :inviteTime,
                    replied_by = :repliedBy, replied_on_behalf = :onBehalf, reply_time = :replyTime, version = :version
                WHERE session_id = :session AND member = :member"""), invitation).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Invitation i) {
        return sql.param("session", i.sessionId())
                .param("member", i.member())
                .param("reply", i.reply().name())
                .param("invitedBy", i.invitedBy())
                .param("inviteTime", Timestamp.from(i.inviteTime()))
                .param("repliedBy", i.repliedBy())
                .param("onBehalf", i.repliedOnBehalf())
                .param("replyTime", i.replyTime() == null ? null : Timestamp.from(i.replyTime()))
                .param("version", i.version());
    }

    @Override
    public Optional<Invitation> find(String sessionId, String member) {
        return jdbc.sql("SELECT * FROM invitation WHERE session_id = :session AND member = :member")
                .param("session", sessionId).param("member", member)
                .query(JdbcInvitationRepository::invitation).optional();
    }

    @Override
    public Optional<Invitation> lock(String sessionId, String member) {
        return jdbc.sql("SELECT * FROM invitation WHERE session_id = :session AND member = :member FOR UPDATE")
                .param("session", sessionId).param("member", member)
                .query(JdbcInvitationRepository::invitation).optional();
    }

    @Override
    public List<Invitation> list(String sessionId, String afterMember, String onlyMember, int limit) {
        return jdbc.sql("""
                        SELECT * FROM invitation
                        WHERE session_id = :session AND member > :after AND (CAST(:only AS text) IS NULL OR member = :only)
                        ORDER BY member LIMIT :limit""")
                .param("session", sessionId)
                .param("after", afterMember)
                .param("only", onlyMember)
                .param("limit", limit)
                .query(JdbcInvitationRepository::invitation)
                .list();
    }

    private static Invitation invitation(ResultSet rs, int row) throws SQLException {
        Timestamp replyTime = rs.getTimestamp("reply_time");
        return new Invitation(rs.getString("session_id"), rs.getString("member"), Invitation.Reply.valueOf(rs.getString("reply")),
                rs.getString("invited_by"), rs.getTimestamp("invite_time").toInstant(), rs.getString("replied_by"),
                rs.getBoolean("replied_on_behalf"), replyTime == null ? null : replyTime.toInstant(), rs.getLong("version"));
    }
}
