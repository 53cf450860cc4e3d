package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.payments.v1.ListClaimsRequest;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;

/**
 * Keycloak down: tokens obtained before it stopped keep working through both gateway doors, for every service
 * (the gateway and the services hold Keycloak's keys; nothing asks Keycloak per request), a token used for the first
 * time only after the stop included; a new sign-in in the console gets a plain page (503, kind words, no redirect to
 * Keycloak, no error page), and so does coming back from a sign-in started before. Keycloak is started again (same
 * port, same data) whatever happens, and a new token must then work. It prints
 * {@code keycloak-down: old_token_calls=… failed=0 sign_in_status=503}. Only where the rig's Keycloak is a local
 * process: a container would come back on another port.
 */
class KeycloakDownIT {

    /**
     * How long the tokens from before are used: longer than the gateway remembers that Keycloak answered, so the
     * sign-in after it meets a Keycloak the gateway knows is down.
     */
    private static final Duration CALLING = Duration.ofSeconds(6);
    private static final String PASSWORD = "demo-password";
    private static final String PLAIN_WORDS = "We can't sign you in just now. Please try again in a few minutes.";
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void tokensFromBeforeKeepWorkingAndSigningInSaysPlainlyThatItCannot() throws Exception {
        RealKeycloak keycloak = RealKeycloak.get();
        assumeFalse(keycloak.dockerBacked(), "Keycloak runs in a container here, which would come back on another port");
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        String amara = keycloak.passwordToken("amara", PASSWORD);
        // Never shown to the platform before Keycloak stops: checked with the keys the gateway and services hold.
        String fin = keycloak.passwordToken("fin", PASSWORD);
        String commission = "kc-down-" + UUID.randomUUID().toString().substring(0, 6);
        ClaimsThroughTheGatewayIT.ok(gateway.post("/v1/commissions?commissionId=" + commission, amara,
                "{\"displayName\": \"Keycloak Poverty Truth Commission\"}"));
        HttpResponse<String> started = browse(platform.gatewayUrl() + "/oauth2/authorization/keycloak", null);
        assertThat(started.statusCode()).as("a sign-in starts while Keycloak answers").isEqualTo(302);
        String session = started.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String state = started.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]state=([^&]+).*", "$1");

        ManagedChannel door = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().gatewayGrpc()).usePlaintext().build();
        List<String> failed = new ArrayList<>();
        int calls = 0;
        HttpResponse<String> signIn;
        HttpResponse<String> comingBack;
        try {
            keycloak.stop();
            // At once, while the gateway may still remember Keycloak answering: the code exchange itself fails.
            comingBack = browse(platform.gatewayUrl() + "/login/oauth2/code/keycloak?code=a-code&state=" + state, session);
            List<Call> old = oldTokenCalls(gateway, door, commission, amara, fin);
            for (long until = System.nanoTime() + CALLING.toNanos(); System.nanoTime() < until; ) {
                for (Call call : old) {
                    calls++;
                    String outcome = call.outcome().get();
                    if (!outcome.equals("OK")) {
                        failed.add(call.what() + ": " + outcome);
                    }
                }
            }
            signIn = browse(platform.gatewayUrl() + "/oauth2/authorization/keycloak", null);
        } finally {
            door.shutdownNow();
            keycloak.start();
        }
        String fresh = keycloak.passwordToken("amara", PASSWORD);
        int afterwards = gateway.get("/v1/commissions/" + commission, fresh).status();

        System.out.printf("keycloak-down: old_token_calls=%d failed=%d sign_in_status=%d%n", calls, failed.size(), signIn.statusCode());
        assertThat(failed).as("calls with tokens from before that failed").isEmpty();
        for (HttpResponse<String> page : List.of(signIn, comingBack)) {
            assertThat(page.statusCode()).as(page.uri() + ": " + page.body()).isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.headers().firstValue("Location")).isEmpty();
            assertThat(page.body()).contains(PLAIN_WORDS).doesNotContainIgnoringCase("whitelabel").doesNotContainIgnoringCase("exception");
        }
        assertThat(afterwards).as("a token from Keycloak started again").isEqualTo(200);
    }

    /** One call with a token from before, and what came of it: "OK", or what went wrong. */
    private record Call(String what, Supplier<String> outcome) {
    }

    /** A read of each service through the JSON door, and two through the gRPC door. */
    private static List<Call> oldTokenCalls(GatewayClient gateway, ManagedChannel door, String commission, String amara, String fin) {
        String at = "/v1/commissions/" + commission;
        List<Call> calls = new ArrayList<>();
        for (String[] read : new String[][] {{at, amara}, {at + "/claims", amara}, {"/v1/consentPurposes", amara},
                {"/v1/network/impact?period=" + Year.now(ZoneOffset.UTC), amara}, {"/v1/commissions", fin}, {"/v1/consentPurposes", fin}}) {
            calls.add(new Call("GET " + read[0], () -> {
                GatewayClient.Response answer = gateway.get(read[0], read[1]);
                return answer.status() == 200 ? "OK" : answer.status() + " " + answer.body();
            }));
        }
        calls.add(new Call("gRPC GetCommission", () -> grpc(() -> CommissionsServiceGrpc.newBlockingStub(door)
                .withInterceptors(EveryStyleThroughTheGatewayIT.bearer(amara)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .getCommission(GetCommissionRequest.newBuilder().setName("commissions/" + commission).build()))));
        calls.add(new Call("gRPC ListClaims", () -> grpc(() -> PaymentsServiceGrpc.newBlockingStub(door)
                .withInterceptors(EveryStyleThroughTheGatewayIT.bearer(amara)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listClaims(ListClaimsRequest.newBuilder().setParent("commissions/" + commission).build()))));
        calls.add(new Call("gRPC ListCommissions (fin)", () -> grpc(() -> CommissionsServiceGrpc.newBlockingStub(door)
                .withInterceptors(EveryStyleThroughTheGatewayIT.bearer(fin)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listCommissions(ListCommissionsRequest.getDefaultInstance()))));
        return calls;
    }

    private static String grpc(Runnable call) {
        try {
            call.run();
            return "OK";
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() + " " + e.getStatus().getDescription();
        }
    }

    /** A browser's request to the gateway, redirects not followed, with the gateway's session cookie if given. */
    private static HttpResponse<String> browse(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").timeout(Duration.ofSeconds(15));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return BROWSER.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
