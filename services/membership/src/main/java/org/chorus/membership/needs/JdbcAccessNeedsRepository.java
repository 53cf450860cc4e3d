package org.chorus.membership.needs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chorus.platform.personal.PersonalDataKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Access needs as JSON sealed under the person's own key, in the commission's own schema. */
@Repository
class JdbcAccessNeedsRepository implements AccessNeedsRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FIELD = "access_needs.sealed";

    private final JdbcClient jdbc;
    private final PersonalDataKeys keys;

    JdbcAccessNeedsRepository(JdbcClient jdbc, PersonalDataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @Override
    public Optional<AccessNeeds> find(String member) {
        return jdbc.sql("SELECT sealed FROM access_needs WHERE member_id = :member")
                .param("member", member)
                .query((rs, row) -> rs.getBytes(1))
                .optional()
                .flatMap(sealed -> keys.open(member, FIELD, sealed))
                .map(bytes -> JSON.readValue(bytes, AccessNeeds.class));
    }

    @Override
    public boolean save(String member, AccessNeeds needs) {
        byte[] sealed = keys.seal(member, FIELD, JSON.writeValueAsBytes(needs));
        if (needs.version() == 1) {
            return jdbc.sql("""
                            INSERT INTO access_needs (member_id, sealed, update_time, version) VALUES (:member, :sealed, :time, 1)
                            ON CONFLICT (member_id) DO NOTHING""")
                    .param("member", member).param("sealed", sealed).param("time", Timestamp.from(needs.updateTime()))
                    .update() == 1;
        }
        return jdbc.sql("""
                        UPDATE access_needs SET sealed = :sealed, update_time = :time, version = :version
                        WHERE member_id = :member AND version = :before""")
                .param("sealed", sealed).param("time", Timestamp.from(needs.updateTime())).param("version", needs.version())
                .param("member", member).param("before", needs.version() - 1)
                .update() == 1;
    }

    @Override
    public void delete(String member) {
        jdbc.sql("DELETE FROM access_needs WHERE member_id = :member").param("member", member).update();
    }

    @Override
    public List<AccessNeeds> ofActiveMembers() {
        return jdbc.sql("SELECT n.member_id, n.sealed FROM access_needs n JOIN member m ON m.id = n.member_id WHERE m.state = 'ACTIVE'")
                .query((rs, row) -> keys.open(rs.getString(1), FIELD, rs.getBytes(2)).map(b -> JSON.readValue(b, AccessNeeds.class)))
                .list().stream().flatMap(Optional::stream).toList();
    }

    @Override
    public void recordRead(String member, String what, String reader, Instant time) {
        jdbc.sql("INSERT INTO personal_data_read (member_id, what, reader, read_time) VALUES (:member, :what, :reader, :time)")
                .param("member", member).param("what", what).param("reader", reader).param("time", Timestamp.from(time))
                .update();
    }

    @Override
    public List<Read> readsBefore(String member, long beforeId, int limit) {
        return jdbc.sql("""
                        SELECT id, what, reader, read_time FROM personal_data_read WHERE member_id = :member AND id < :before
                        ORDER BY id DESC LIMIT :limit""")
                .param("member", member).param("before", beforeId).param("limit", limit)
                .query((rs, row) -> new Read(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }
}
