package org.chorus.reporting.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The network schema's copy of each commission's figures. */
@Repository
class JdbcNetworkCells implements NetworkCells {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    JdbcNetworkCells(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public long versionOf(String commission) {
        return jdbc.sql("SELECT version FROM network.impact_cells_version WHERE commission_id = :c").param("c", commission)
                .query(Long.class).optional().orElse(-1L);
    }

    @Override
    public void store(String commission, Figures figures, ReadModels.Version version) {
        transactions.executeWithoutResult(status -> {
            // The application may not delete in the network schema: a figure that is gone becomes a zero.
            jdbc.sql("UPDATE network.impact_cell SET value = 0, people = least(people, 0) WHERE commission_id = :c")
                    .param("c", commission).update();
            List<Figures.Key> keys = List.copyOf(figures.cells().keySet());
            jdbc.sql("""
                            INSERT INTO network.impact_cell (commission_id, measure, period, value, people)
                            SELECT :c, * FROM unnest(CAST(:measures AS text[]), CAST(:periods AS text[]), CAST(:values AS bigint[]), CAST(:people AS bigint[]))
                            ON CONFLICT (commission_id, measure, period) DO UPDATE SET value = EXCLUDED.value, people = EXCLUDED.people""")
                    .param("c", commission)
                    .param("measures", keys.stream().map(k -> k.measure().name()).toArray(String[]::new))
                    .param("periods", keys.stream().map(Figures.Key::period).toArray(String[]::new))
                    .param("values", keys.stream().map(k -> figures.cells().get(k).value()).toArray(Long[]::new))
                    .param("people", keys.stream().map(k -> figures.cells().get(k).people()).toArray(Long[]::new))
                    .update();
            jdbc.sql("""
                            INSERT INTO network.impact_cells_version (commission_id, version, newest_event) VALUES (:c, :v, :newest)
                            ON CONFLICT (commission_id) DO UPDATE SET version = EXCLUDED.version, newest_event = EXCLUDED.newest_event""")
                    .param("c", commission).param("v", version.events())
                    .param("newest", version.newestEvent() == null ? null : Timestamp.from(version.newestEvent())).update();
        });
    }

    @Override
    public Map<String, Figures> ofYear(int year) {
        Map<String, Map<Figures.Key, Figures.Cell>> byCommission = new HashMap<>();
        jdbc.sql("SELECT commission_id, measure, period, value, people FROM network.impact_cell WHERE period LIKE :year")
                .param("year", year + "%")
                .query((rs, i) -> byCommission.computeIfAbsent(rs.getString(1), c -> new HashMap<>())
                        .put(new Figures.Key(Measure.valueOf(rs.getString(2)), rs.getString(3)), new Figures.Cell(rs.getLong(4), rs.getLong(5))))
                .list();
        Map<String, Figures> result = new HashMap<>();
        byCommission.forEach((commission, cells) -> result.put(commission, new Figures(cells)));
        return result;
    }

    @Override
    public long generation() {
        return jdbc.sql("SELECT coalesce(sum(version), 0) + count(*) FROM network.impact_cells_version").query(Long.class).single();
    }

    @Override
    public Instant newestEvent(List<String> commissions) {
        Timestamp newest = jdbc.sql("SELECT max(newest_event) FROM network.impact_cells_version WHERE commission_id = ANY(:c)")
                .param("c", commissions.toArray(String[]::new)).query(Timestamp.class).optional().orElse(null);
        return newest == null ? null : newest.toInstant();
    }
}
