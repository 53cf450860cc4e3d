package org.chorus.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PostgresEndpoint;

/**
 * What the services have stored about one commission, as a digest per table: every table of the
 * services' databases outside commission schemas (the network's own), the tables of that commission's
 * schema, and the list of schemas (so a commission made by mistake shows too). Two equal snapshots mean
 * nothing was written in between. The gateway's rate-limit database and Keycloak's are not the
 * services' data and are left out, and so is what a service builds on the clock from other services' feeds
 * (reporting's read models and figures, and every feed cursor): it changes after the call that caused it, whichever
 * call comes next, and the feed's owner, whose tables are compared, holds the truth.
 */
final class StoredState implements AutoCloseable {

    /** Tables built from other services' feeds, by database: copies, rebuilt from the feeds at will. */
    private static final Map<String, Set<String>> FROM_FEEDS = Map.of(
            "reporting", Set.of("session_seen", "attendance_seen", "claim_paid", "experiment_move", "focus_issue_chosen",
                    "phase_change", "story_consent", "member_organisation", "read_model_version", "impact_cell", "impact_cells_version"));

    private final Map<String, Connection> databases = new LinkedHashMap<>();
    private final String commissionSchema;

    StoredState(ChorusPlatform platform, String commission) throws SQLException {
        PostgresEndpoint postgres = platform.postgres();
        for (String service : ChorusPlatform.SERVICES) {
            databases.put(service, DriverManager.getConnection(postgres.jdbcUrl(service), postgres.user(), postgres.password()));
        }
        this.commissionSchema = "commission_" + commission.replace('-', '_');
    }

    /** A digest per database and table, e.g. {@code payments commission_leeds.payment_choice → 9e10…}. */
    Map<String, String> snapshot() throws SQLException {
        Map<String, String> digests = new LinkedHashMap<>();
        for (var database : databases.entrySet()) {
            Set<String> schemas = new TreeSet<>();
            List<String> tables = new ArrayList<>();
            try (Statement statement = database.getValue().createStatement();
                 ResultSet rows = statement.executeQuery("""
                         SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                           AND n.nspname NOT LIKE 'pg\\_%'
                         ORDER BY 1, 2""")) {
                while (rows.next()) {
                    String schema = rows.getString(1);
                    schemas.add(schema);
                    String table = rows.getString(2);
                    if (table.equals("feed_cursor") || FROM_FEEDS.getOrDefault(database.getKey(), Set.of()).contains(table)) {
                        continue;
                    }
                    if (!schema.startsWith("commission_") || schema.equals(commissionSchema)) {
                        tables.add(quoted(schema) + "." + quoted(table));
                    }
                }
            }
            digests.put(database.getKey() + " schemas", String.join(",", schemas));
            if (tables.isEmpty()) {
                continue;
            }
            // A refused call that moves money remembers its answer for its request id (so a retry gets the same refusal):
            // by design, the one thing a refusal writes. Only the answers that are not refusals count.
            String digestOfEach = String.join(" UNION ALL ", tables.stream().map(table -> "SELECT '" + table.replace("'", "''")
                    + "', md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM " + table + " t"
                    + (table.endsWith(".\"request_answer\"") ? " WHERE t.error IS NULL" : "")).toList());
            try (Statement statement = database.getValue().createStatement();
                 ResultSet rows = statement.executeQuery(digestOfEach)) {
                while (rows.next()) {
                    digests.put(database.getKey() + " " + rows.getString(1), rows.getString(2));
                }
            }
        }
        return digests;
    }

    /** The tables whose digest differs between two snapshots, or that only one has. */
    static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> changed = new TreeSet<>();
        before.forEach((table, digest) -> {
            if (!digest.equals(after.get(table))) {
                changed.add(table);
            }
        });
        after.keySet().stream().filter(table -> !before.containsKey(table)).forEach(changed::add);
        return changed;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : databases.values()) {
            connection.close();
        }
    }
}
