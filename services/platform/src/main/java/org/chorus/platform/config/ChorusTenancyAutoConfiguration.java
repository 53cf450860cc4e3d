package org.chorus.platform.config;

import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.platform.tenancy.ProvisioningGrpcService;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each commission's data in its own schema: {@link CommissionTransactions} for the work, as the
 * application's login role, and {@link CommissionSchemaProvisioner} to set a commission up, as the
 * database owner (the Flyway user). {@code chorus.service} names the service in role names.
 */
@AutoConfiguration(beforeName = {
        // The provisioning service must exist before the gRPC server collects its services.
        "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
        "org.springframework.boot.grpc.server.autoconfigure.GrpcServerServicesAutoConfiguration"})
public class ChorusTenancyAutoConfiguration {

    @Bean
    CommissionTransactions chorusCommissionTransactions(Environment environment, JdbcClient jdbc, TransactionTemplate transactions) {
        return new CommissionTransactions(environment.getRequiredProperty("chorus.service"), jdbc, transactions);
    }

    /** Request ids of creating calls in a commission's own schema. */
    @Bean
    CreateRequests chorusCommissionCreateRequests(JdbcClient jdbc) {
        return new CreateRequests(jdbc, "create_request");
    }

    @Bean
    ProvisioningGrpcService chorusProvisioningGrpcService(Environment environment, CommissionSchemaProvisioner provisioner) {
        return new ProvisioningGrpcService(environment.getRequiredProperty("chorus.service"), provisioner);
    }

    @Bean
    MethodAccessPolicy chorusProvisioningAccess() {
        return ProvisioningGrpcService.access();
    }

    @Bean
    CommissionSchemaProvisioner chorusCommissionSchemaProvisioner(Environment environment) {
        String service = environment.getRequiredProperty("chorus.service");
        String url = environment.getProperty("spring.flyway.url", environment.getRequiredProperty("spring.datasource.url"));
        SimpleDriverDataSource owner = new SimpleDriverDataSource(new org.postgresql.Driver(), url,
                environment.getRequiredProperty("spring.flyway.user"), environment.getProperty("spring.flyway.password", ""));
        return new CommissionSchemaProvisioner(service, owner, environment.getRequiredProperty("spring.datasource.username"),
                environment.getRequiredProperty("chorus.tenancy.migrations"));
    }
}
