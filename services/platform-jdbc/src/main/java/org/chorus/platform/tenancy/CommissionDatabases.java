package org.chorus.platform.tenancy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Which database holds each commission's data in one service. By default, the service's own
 * database; a commission can be given a database of its own by configuration alone
 * ({@code chorus.tenancy.dedicated-databases.<commission>=jdbc:postgresql://…}), on the same
 * PostgreSQL or another, reached with the service's same two logins (the owner, to set it up; the
 * application's login role, for the work). The registry of what is set up
 * ({@code network.provisioned_commission}) always stays in the service's own database.
 */
public final class CommissionDatabases implements AutoCloseable {

    /** A login: user name and password. */
    public record Login(String user, String password) {
    }

    private final DataSource defaultOwner;
    private final Login owner;
    private final Login application;
    private final Map<String, String> dedicated;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    /**
     * @param defaultOwner the owner's connection to the service's own database
     * @param owner        the owner's login, used on dedicated databases too
     * @param application  the application's login role, used on dedicated databases too
     * @param dedicated    commission id → JDBC URL of its own database (empty: every commission in the service's database)
     */
    public CommissionDatabases(DataSource defaultOwner, Login owner, Login application, Map<String, String> dedicated) {
        this.defaultOwner = defaultOwner;
        this.owner = owner;
        this.application = application;
        dedicated.keySet().forEach(id -> CommissionSchema.of("check", id));
        this.dedicated = Map.copyOf(new TreeMap<>(dedicated));
    }

    /** Every commission in the service's own database. */
    public static CommissionDatabases shared(DataSource owner, Login ownerLogin, Login application) {
        return new CommissionDatabases(owner, ownerLogin, application, Map.of());
    }

    public boolean anyDedicated() {
        return !dedicated.isEmpty();
    }

    public boolean isDedicated(String commissionId) {
        return dedicated.containsKey(commissionId);
    }

    /** The owner's connection where {@code commissionId}'s data lives. */
    DataSource ownerOf(String commissionId) {
        String url = dedicated.get(commissionId);
        return url == null ? defaultOwner : new SimpleDriverDataSource(new org.postgresql.Driver(), url, owner.user(), owner.password());
    }

    /** The owner's connection to the service's own database: the registry of what is set up. */
    DataSource serviceOwner() {
        return defaultOwner;
    }

    Login application() {
        return application;
    }

    /** The application's pool for a commission with a database of its own (made on first use). */
    DataSource applicationPoolOf(String commissionId) {
        String url = dedicated.get(commissionId);
        if (url == null) {
            throw new IllegalArgumentException("Commission " + commissionId + " has no database of its own");
        }
        return pools.computeIfAbsent(commissionId, id -> {
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("commission-" + id);
            pool.setJdbcUrl(url);
            pool.setUsername(application.user());
            pool.setPassword(application.password());
            pool.setMaximumPoolSize(5);
            pool.setMinimumIdle(0);
            return pool;
        });
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}
