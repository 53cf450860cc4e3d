package org.chorus.testrig;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every Chorus service gets from the platform library, checked on the real application: gRPC
 * health mirrors the actuator, reflection lists the services, and Flyway migrated the service's
 * own database. A service's test extends this and names its database with {@link UseRealPostgres}.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
public abstract class ServiceBasicsContract {

    @Autowired
    private GrpcChannelFactory channels;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void grpcHealthIsServing() {
        var health = HealthGrpc.newBlockingStub(channels.createChannel("self"))
                .check(HealthCheckRequest.newBuilder().setService("").build());

        assertThat(health.getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void reflectionListsTheServicesServed() throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        var requests = ServerReflectionGrpc.newStub(channels.createChannel("self"))
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());

        List<String> services = answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList();
        requests.onCompleted();
        assertThat(services).contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                "chorus.platform.v1.CommissionProvisioningService", "chorus.platform.v1.FeedHeadsService");
        assertThat(services).containsAll(expectedServices());
    }

    @Test
    void flywayMigratedTheNetworkSchemaWithThePlatformsPart() {
        List<String> scripts = jdbc.sql("SELECT script FROM network.flyway_schema_history WHERE success AND script LIKE '%.sql'")
                .query(String.class).list();
        long failed = jdbc.sql("SELECT count(*) FROM network.flyway_schema_history WHERE NOT success").query(Long.class).single();

        assertThat(scripts).contains("R__platform.sql");
        assertThat(failed).isZero();
    }

    @Test
    void theApplicationConnectsAsItsOwnLoginRoleNotTheOwner() {
        var role = jdbc.sql("SELECT rolname, rolsuper, rolinherit FROM pg_roles WHERE rolname = current_user").query().singleRow();

        assertThat((String) role.get("rolname")).startsWith("chorus_");
        assertThat(role.get("rolsuper")).isEqualTo(false);
        assertThat(role.get("rolinherit")).isEqualTo(false);
    }

    /** The Chorus gRPC services this service serves, by full name (none while it is a skeleton). */
    protected List<String> expectedServices() {
        return List.of();
    }
}
