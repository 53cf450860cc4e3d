package org.chorus.platform.tenancy;

import io.grpc.Status;
import java.util.List;
import java.util.function.Supplier;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place where work for a commission gets its database privileges. Inside the transaction
 * it takes the commission's role and search path with {@code SET LOCAL}, so a query that names
 * another commission's table fails with <em>permission denied</em>, and nothing of it outlives the
 * transaction on the pooled connection. The caller is checked again here, whatever checked it
 * before: this is the code that must not be wrong. A commission with a database of its own
 * ({@link CommissionDatabases}) gets its connection from there, the same way.
 */
public final class CommissionTransactions {

    /** The commission whose transaction the thread is in, bound for the transaction's length. */
    private static final Object CURRENT = new Object();

    private static final Logger log = LoggerFactory.getLogger(CommissionTransactions.class);

    private final String service;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CommissionDatabases databases;
    private final CommissionSchemaProvisioner schemas;

    /**
     * @param jdbc         on the application's data source (a {@link CommissionRoutingDataSource} when
     *                     some commission has a database of its own)
     * @param transactions on the same data source
     * @param schemas      brings a commission's schema up to date before its first work after a start, if it may be behind
     */
    public CommissionTransactions(String service, JdbcClient jdbc, TransactionTemplate transactions, CommissionDatabases databases,
                                  CommissionSchemaProvisioner schemas) {
        this.service = service;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.databases = databases;
        this.schemas = schemas;
    }

    /** The commissions set up in this service, in id order (the network's record, not any commission's data). */
    public List<String> provisionedCommissions() {
        return jdbc.sql("SELECT commission_id FROM network.provisioned_commission ORDER BY commission_id").query(String.class).list();
    }

    /**
     * Runs {@code work} in one transaction with the privileges of {@code commissionId} only. Inside
     * that commission's transaction already, it runs as part of it.
     *
     * @throws ChorusException PERMISSION_DENIED when the caller may not see the commission,
     *                         NOT_FOUND when the commission is not set up in this service
     */
    public <T> T inCommission(Caller caller, String commissionId, Supplier<T> work) {
        if (!caller.canSee(commissionId)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "You do not have permission to do this in this commission.");
        }
        if (commissionId.equals(TransactionSynchronizationManager.getResource(CURRENT))) {
            return work.get();
        }
        CommissionSchema target = CommissionSchema.of(service, commissionId);
        upToDate(commissionId);
        if (databases.isDedicated(commissionId) && TransactionSynchronizationManager.isActualTransactionActive()) {
            // Joining a transaction already open on another database would put the work there.
            throw new IllegalStateException("Work for commission " + commissionId + " must run in a transaction of its own");
        }
        try {
            return inTransaction(commissionId, target, work);
        } catch (TransientDataAccessException | CannotGetJdbcConnectionException busy) {
            // A lock not granted, a deadlock broken, no connection free: nothing was written, and a retry may work.
            log.warn("The database was too busy for work in commission {} ({}); the caller is asked to try again", commissionId,
                    busy.getClass().getSimpleName());
            throw Status.UNAVAILABLE.withDescription("Chorus is busy just now. Please try again in a moment.").asRuntimeException();
        }
    }

    /**
     * The commission whose transaction is open on this thread.
     *
     * @throws IllegalStateException outside {@link #inCommission}
     */
    public static String current() {
        Object commission = TransactionSynchronizationManager.getResource(CURRENT);
        if (commission == null) {
            throw new IllegalStateException("Not inside a commission's transaction (CommissionTransactions.inCommission)");
        }
        return (String) commission;
    }

    /** A commission answers only once its schema has the newest migrations (see {@link CommissionSchemasUpToDate}). */
    private void upToDate(String commissionId) {
        try {
            schemas.ensureUpToDate(commissionId);
        } catch (RuntimeException failed) {
            log.warn("Commission {} could not be brought up to date ({}: {}); the caller is asked to try again", commissionId,
                    failed.getClass().getSimpleName(), failed.getMessage());
            throw Status.UNAVAILABLE.withDescription("This commission is being updated. Please try again in a moment.").asRuntimeException();
        }
    }

    private <T> T inTransaction(String commissionId, CommissionSchema target, Supplier<T> work) {
        return CommissionRoutingDataSource.forCommission(commissionId, () -> transactions.execute(status -> {
            try {
                // One round trip for both.
                jdbc.sql("SET LOCAL ROLE " + target.quotedRole() + "; SET LOCAL search_path TO " + target.quotedSchema()).update();
            } catch (DataAccessException notProvisioned) {
                throw ChorusException.notFound("COMMISSION_NOT_SET_UP",
                        "This commission is not set up yet. Please try again in a moment.");
            }
            Object outer = TransactionSynchronizationManager.unbindResourceIfPossible(CURRENT);
            TransactionSynchronizationManager.bindResource(CURRENT, commissionId);
            try {
                return work.get();
            } finally {
                TransactionSynchronizationManager.unbindResource(CURRENT);
                if (outer != null) {
                    TransactionSynchronizationManager.bindResource(CURRENT, outer);
                }
            }
        }));
    }
}
