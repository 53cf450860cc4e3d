package org.chorus.commissions.phase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps phases in the commission's own schema (the transaction's search path decides which). */
@Repository
class JdbcPhaseRepository implements PhaseRepository {

    private final JdbcClient jdbc;

    JdbcPhaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PhaseModel model() {
        return read("SELECT current_position, version, update_time FROM phase_state");
    }

    @Override
    public PhaseModel lockModel() {
        return read("SELECT current_position, version, update_time FROM phase_state FOR UPDATE");
    }

    private PhaseModel read(String stateQuery) {
        record State(int position, long version, Timestamp updateTime) {
        }
        State state = jdbc.sql(stateQuery)
                .query((rs, n) -> new State(rs.getInt("current_position"), rs.getLong("version"), rs.getTimestamp("update_time")))
                .single();
        List<Phase> phases = jdbc.sql("SELECT display_name, description FROM phase ORDER BY position")
                .query((rs, n) -> new Phase(rs.getString("display_name"), rs.getString("description")))
                .list();
        return new PhaseModel(phases, state.position(), lastTransitionNumber() > 0, state.version(), state.updateTime().toInstant());
    }

    @Override
    public void savePhases(PhaseModel model) {
        jdbc.sql("DELETE FROM phase").update();
        for (int i = 0; i < model.phases().size(); i++) {
            Phase phase = model.phases().get(i);
            jdbc.sql("INSERT INTO phase (position, display_name, description) VALUES (:position, :name, :description)")
                    .param("position", i + 1)
                    .param("name", phase.displayName())
                    .param("description", phase.description())
                    .update();
        }
        saveState(model);
    }

    @Override
    public void saveMove(PhaseTransition t, PhaseModel after) {
        jdbc.sql("""
                        INSERT INTO phase_transition (number, from_phase, to_phase, direction, reason, decided_by, move_time)
                        VALUES (:number, :from, :to, :direction, :reason, :decidedBy, :moveTime)""")
                .param("number", t.number())
                .param("from", t.fromPhase())
                .param("to", t.toPhase())
                .param("direction", t.direction().name())
                .param("reason", t.reason())
                .param("decidedBy", t.decidedBy())
                .param("moveTime", Timestamp.from(t.moveTime()))
                .update();
        saveState(after);
    }

    private void saveState(PhaseModel model) {
        jdbc.sql("UPDATE phase_state SET current_position = :position, version = :version, update_time = :time")
                .param("position", model.currentPosition())
                .param("version", model.version())
                .param("time", Timestamp.from(model.updateTime()))
                .update();
    }

    @Override
    public int lastTransitionNumber() {
        return jdbc.sql("SELECT coalesce(max(number), 0) FROM phase_transition").query(Integer.class).single();
    }

    @Override
    public Optional<PhaseTransition> transition(int number) {
        return jdbc.sql("SELECT * FROM phase_transition WHERE number = :number")
                .param("number", number)
                .query(JdbcPhaseRepository::transition)
                .optional();
    }

    @Override
    public List<PhaseTransition> transitionsAfter(int after, int limit) {
        return jdbc.sql("SELECT * FROM phase_transition WHERE number > :after ORDER BY number LIMIT :limit")
                .param("after", after)
                .param("limit", limit)
                .query(JdbcPhaseRepository::transition)
                .list();
    }

    private static PhaseTransition transition(ResultSet rs, int row) throws SQLException {
        return new PhaseTransition(rs.getInt("number"), rs.getString("from_phase"), rs.getString("to_phase"),
                PhaseTransition.Direction.valueOf(rs.getString("direction")), rs.getString("reason"),
                rs.getString("decided_by"), rs.getTimestamp("move_time").toInstant());
    }
}
