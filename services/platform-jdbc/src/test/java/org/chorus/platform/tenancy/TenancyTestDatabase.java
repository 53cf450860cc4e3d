package org.chorus.platform.tenancy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.chorus.testrig.RealPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service's database as the platform sets it up, on the real PostgreSQL, for the platform's own tests:
 * the network schema and login role (db/platform), and commissions set up with the test migrations
 * (db/commission-test) plus the platform's. Close it to close the application's pool.
 *
 * @param application the pool the service's code runs on, as its login role
 */
public record TenancyTestDatabase(CommissionDatabases databases, CommissionSchemaProvisioner provisioner, HikariDataSource application,
                                  JdbcClient jdbc, CommissionTransactions transactions) implements AutoCloseable {

    private static final String PASSWORD = "test-password";

    /** Sets the database up for {@code service} and its {@code commissions}, with a pool of {@code poolSize}. */
    public static TenancyTestDatabase of(String service, String database, int poolSize, String... commissions) {
        RealPostgres postgres = RealPostgres.get();
        String login = "chorus_" + service;
        DataSource owner = postgres.ownerDataSource(database);
        Flyway.configure().dataSource(owner).schemas("network").defaultSchema("network")
                .locations("classpath:db/platform")
                .placeholders(Map.of("applicationRole", login, "applicationPassword", PASSWORD))
                .load().migrate();
        CommissionDatabases databases = CommissionDatabases.shared(owner,
                new CommissionDatabases.Login(postgres.username(), postgres.password()),
                new CommissionDatabases.Login(login, PASSWORD));
        var provisioner = new CommissionSchemaProvisioner(service, databases, "classpath:db/commission-test", new SimpleMeterRegistry());
        for (String commission : commissions) {
            provisioner.provision(commission);
        }
        HikariDataSource application = new HikariDataSource();
        application.setJdbcUrl(postgres.jdbcUrl(database));
        application.setUsername(login);
        application.setPassword(PASSWORD);
        application.setMaximumPoolSize(poolSize);
        JdbcClient jdbc = JdbcClient.create(application);
        return new TenancyTestDatabase(databases, provisioner, application, jdbc, new CommissionTransactions(service, jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(application)), databases, provisioner));
    }

    @Override
    public void close() {
        application.close();
    }
}
