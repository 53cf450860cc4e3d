package org.chorus.platform.tenancy;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Sets up a commission in one service: its role, its schema and its tables (Flyway, from
 * {@code db/commission}), and lets the service's login role take that role inside a transaction
 * ({@code WITH INHERIT FALSE, SET TRUE}: the login role reads nothing of it by itself). Runs as the
 * database owner (the Flyway user), never as the application's login role. Safe to run again.
 */
public final class CommissionSchemaProvisioner {

    private final String service;
    private final DataSource owner;
    private final String applicationRole;
    private final String migrations;

    /**
     * @param service         the service's short name, e.g. {@code payments}
     * @param owner           a connection as the database owner, allowed to create roles and schemas
     * @param applicationRole the login role the service's application connects as
     * @param migrations      where the per-commission migrations are, e.g. {@code classpath:db/commission}
     */
    public CommissionSchemaProvisioner(String service, DataSource owner, String applicationRole, String migrations) {
        this.service = service;
        this.owner = owner;
        this.applicationRole = applicationRole;
        this.migrations = migrations;
    }

    public CommissionSchema provision(String commissionId) {
        CommissionSchema target = CommissionSchema.of(service, commissionId);
        JdbcClient jdbc = JdbcClient.create(owner);
        new TransactionTemplate(new DataSourceTransactionManager(owner)).executeWithoutResult(status -> {
            // Two provisioners at once (two replicas) take turns.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:role))").param("role", target.role()).query().singleRow();
            boolean exists = jdbc.sql("SELECT count(*) FROM pg_roles WHERE rolname = :role")
                    .param("role", target.role()).query(Long.class).single() > 0;
            if (!exists) {
                jdbc.sql("CREATE ROLE " + target.quotedRole() + " NOLOGIN").update();
            }
            jdbc.sql("GRANT " + target.quotedRole() + " TO \"" + applicationRole + "\" WITH INHERIT FALSE, SET TRUE").update();
            jdbc.sql("CREATE SCHEMA IF NOT EXISTS " + target.quotedSchema() + " AUTHORIZATION " + target.quotedRole()).update();
        });
        Flyway.configure()
                .dataSource(owner)
                .schemas(target.schema())
                .defaultSchema(target.schema())
                .createSchemas(false)
                .locations(migrations)
                // Everything the migrations make belongs to the commission's role, not the owner.
                .initSql("SET ROLE " + target.quotedRole())
                .load()
                .migrate();
        jdbc.sql("""
                        INSERT INTO network.provisioned_commission (commission_id, schema_name, provision_time)
                        VALUES (:id, :schema, now()) ON CONFLICT (commission_id) DO NOTHING""")
                .param("id", commissionId)
                .param("schema", target.schema())
                .update();
        return target;
    }
}
