package org.chorus.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import com.google.rpc.ErrorInfo;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.commissions.v1.ListCommissionsResponse;
import org.chorus.identity.ChorusTokens;
import org.chorus.platform.errors.ChorusException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The interceptor on a real in-process gRPC server, with tokens signed by a key made for the test
 * (the same checks run against real Keycloak tokens in the services' and system tests).
 */
class CallerInterceptorTest {

    private static final String ISSUER = "http://127.0.0.1:8180/realms/chorus";
    private final KeyPair keys = rsa();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        decoder.setJwtValidator(ChorusTokens.validator(ISSUER, "chorus", Duration.ofSeconds(60)));
        HealthStatusManager health = new HealthStatusManager();
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(new EchoCommissions(), new CallerInterceptor(decoder)))
                .addService(ServerInterceptors.intercept(UNDECLARED, new CallerInterceptor(decoder)))
                .addService(ServerInterceptors.intercept(health.getHealthService(), new CallerInterceptor(decoder)))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void healthIsOpenWithoutAToken() {
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance())).isNotNull();
    }

    @Test
    void aMethodTheContractDeclaresNoAccessForIsClosedToEveryone() {
        Metadata headers = new Metadata();
        headers.put(CallerInterceptor.AUTHORIZATION, "Bearer " + token(keys, Map.of("realm_access", Map.of("roles", List.of("coordinator")))));
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel,
                MetadataUtils.newAttachHeadersInterceptor(headers)), CLOSED, CallOptions.DEFAULT, Empty.getDefaultInstance()))
                .satisfies(e -> assertRefused(e, Status.Code.PERMISSION_DENIED, "METHOD_CLOSED"));
    }

    @Test
    void aServiceWithAMethodTheContractDeclaresNoAccessForDoesNotStart() {
        var declared = new StaticListableBeanFactory(Map.of("commissions", new EchoCommissions()));
        new DeclaredAccessCheck(declared.getBeanProvider(BindableService.class)).afterSingletonsInstantiated();

        var undeclared = new StaticListableBeanFactory(Map.of("commissions", new EchoCommissions(), "closed", (BindableService) () -> UNDECLARED));
        assertThatThrownBy(() -> new DeclaredAccessCheck(undeclared.getBeanProvider(BindableService.class)).afterSingletonsInstantiated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.Closed/Call");
    }

    @Test
    void aCoordinatorIsRefusedWhereTheContractDoesNotListThem() {
        String coordinator = token(keys, Map.of("realm_access", Map.of("roles", List.of("coordinator"))));
        assertThat(stub(coordinator).getCommission(get("commissions/leeds")).getName()).isEqualTo("commissions/leeds");
        String service = token(keys, Map.of("realm_access", Map.of("roles", List.of("service"))));
        assertThatThrownBy(() -> stub(service).createCommission(CreateCommissionRequest.getDefaultInstance()))
                .as("CreateCommission allows coordinators only")
                .satisfies(e -> assertRefused(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void withoutATokenOrWithAForeignOneTheCallerIsUnknown() {
        assertThatThrownBy(() -> CommissionsServiceGrpc.newBlockingStub(channel).listCommissions(ListCommissionsRequest.getDefaultInstance()))
                .satisfies(e -> assertRefused(e, Status.Code.UNAUTHENTICATED, "SIGN_IN_NEEDED"));
        assertThatThrownBy(() -> stub(token(rsa(), Map.of())).listCommissions(ListCommissionsRequest.getDefaultInstance()))
                .satisfies(e -> assertRefused(e, Status.Code.UNAUTHENTICATED, "INVALID_TOKEN"));
    }

    @Test
    void theHandlerSeesTheCaller() {
        ListCommissionsResponse response = stub(token(keys, Map.of())).listCommissions(ListCommissionsRequest.getDefaultInstance());
        assertThat(response.getNextPageToken()).isEqualTo("caller=s-1");
    }

    @Test
    void rolesAreCheckedInTheCommissionTheRequestNames() {
        String leedsMember = token(keys, Map.of("groups", List.of("/commissions/leeds/member")));

        assertThat(stub(leedsMember).getCommission(get("commissions/leeds")).getName()).isEqualTo("commissions/leeds");
        assertThatThrownBy(() -> stub(leedsMember).getCommission(get("commissions/salford")))
                .satisfies(e -> assertRefused(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> stub(token(keys, Map.of())).getCommission(get("commissions/leeds")))
                .as("someone with no role anywhere")
                .satisfies(e -> assertRefused(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> stub(leedsMember).getCommission(get("leeds")))
                .satisfies(e -> assertRefused(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME"));
    }

    @Test
    void aRequestAboutTheWholeNetworkIsOnlyForCallersAllowedNetworkWide() {
        String leedsMember = token(keys, Map.of("groups", List.of("/commissions/leeds/member")));
        String leedsDashboard = token(keys, Map.of("groups", List.of("/commissions/leeds/dashboard")));
        String networkDashboard = token(keys, Map.of("realm_access", Map.of("roles", List.of("dashboard"))));

        assertThat(stub(networkDashboard).getCommission(get("network/impact")).getName()).isEqualTo("network/impact");
        assertThat(stub(leedsDashboard).getCommission(get("commissions/leeds")).getName()).isEqualTo("commissions/leeds");
        for (String oneCommission : List.of(leedsMember, leedsDashboard)) {
            assertThatThrownBy(() -> stub(oneCommission).getCommission(get("network/impact")))
                    .satisfies(e -> assertRefused(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        }
        assertThatThrownBy(() -> stub(leedsDashboard).getCommission(get("commissions/salford")))
                .satisfies(e -> assertRefused(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void anUpdateNamesItsCommissionInsideTheResourceItCarries() {
        var request = org.chorus.payments.v1.UpdateBenefitsSituationRequest.newBuilder()
                .setBenefitsSituation(org.chorus.payments.v1.BenefitsSituation.newBuilder()
                        .setName("commissions/salford/members/s-1/benefitsSituation"))
                .build();
        assertThat(CallerInterceptor.commissionOf(request)).isEqualTo("salford");
        assertThatThrownBy(() -> CallerInterceptor.commissionOf(request.toBuilder()
                .setBenefitsSituation(request.getBenefitsSituation().toBuilder().setName("members/s-1")).build()))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations().getFirst().field())
                        .isEqualTo("benefits_situation.name"));
    }

    private CommissionsServiceGrpc.CommissionsServiceBlockingStub stub(String token) {
        Metadata headers = new Metadata();
        headers.put(CallerInterceptor.AUTHORIZATION, "Bearer " + token);
        return CommissionsServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static GetCommissionRequest get(String name) {
        return GetCommissionRequest.newBuilder().setName(name).build();
    }

    private static void assertRefused(Throwable e, Status.Code code, String reason) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status.getCode()).isEqualTo(code.value());
        assertThat(status.getDetails(0).unpack(ErrorInfo.class).getReason()).isEqualTo(reason);
    }

    private static String token(KeyPair signer, Map<String, Object> claims) {
        try {
            JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                    .issuer(ISSUER).audience(List.of("chorus")).subject("s-1")
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("typ", "Bearer");
            claims.forEach(body::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), body.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A method with no schema, so no declared access. */
    private static final MethodDescriptor<Empty, Empty> CLOSED = MethodDescriptor.<Empty, Empty>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("test.Closed/Call")
            .setRequestMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
            .build();

    private static final ServerServiceDefinition UNDECLARED = ServerServiceDefinition.builder("test.Closed")
            .addMethod(CLOSED, ServerCalls.asyncUnaryCall((request, response) -> {
                response.onNext(Empty.getDefaultInstance());
                response.onCompleted();
            }))
            .build();

    /** Answers with what it was asked for, and who asked. */
    private static final class EchoCommissions extends CommissionsServiceGrpc.CommissionsServiceImplBase {
        @Override
        public void getCommission(GetCommissionRequest request, StreamObserver<Commission> response) {
            response.onNext(Commission.newBuilder().setName(request.getName()).build());
            response.onCompleted();
        }

        @Override
        public void listCommissions(ListCommissionsRequest request, StreamObserver<ListCommissionsResponse> response) {
            response.onNext(ListCommissionsResponse.newBuilder().setNextPageToken("caller=" + Callers.current().subject()).build());
            response.onCompleted();
        }
    }
}
