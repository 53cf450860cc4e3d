package org.chorus.platform.tenancy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The application's connection pool (a Hikari pool, configured as usual under
 * {@code spring.datasource.*}; {@code spring.datasource.type} names this class) that also knows
 * where each commission's data lives: a connection for work in a commission with a database of
 * its own ({@link CommissionDatabases}) comes from that database's pool, every other one from this
 * pool. {@link CommissionTransactions} names the commission before its transaction takes a
 * connection and forgets it after; nothing else sets it.
 */
public class CommissionRoutingDataSource extends HikariDataSource {

    private static final ThreadLocal<String> COMMISSION = new ThreadLocal<>();

    private volatile CommissionDatabases databases;

    /** Sends work for commissions with a database of their own there (none until called). */
    public void routeWith(CommissionDatabases databases) {
        this.databases = databases;
    }

    /** Runs {@code work} with connections for {@code commissionId}, then restores what was there. */
    static <T> T forCommission(String commissionId, Supplier<T> work) {
        String previous = COMMISSION.get();
        COMMISSION.set(commissionId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                COMMISSION.remove();
            } else {
                COMMISSION.set(previous);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        String commission = COMMISSION.get();
        CommissionDatabases routes = databases;
        if (commission != null && routes != null && routes.isDedicated(commission)) {
            return routes.applicationPoolOf(commission).getConnection();
        }
        return super.getConnection();
    }
}
