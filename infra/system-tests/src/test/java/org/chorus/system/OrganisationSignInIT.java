package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * Brokered sign-in, for real. A second realm in the same Keycloak plays Leeds City Council's own
 * OpenID provider (the council's side, so the test sets it up by hand as the council would). Then,
 * only through Chorus's API: a coordinator adds the council as a member organisation with that
 * provider, opens a commission and gives the council's Robin the member role by email, before
 * Robin has ever signed in. Robin then signs in as a browser would (authorisation code + PKCE at
 * the Chorus realm, {@code kc_idp_hint} to the council, the council's login form, back through the
 * broker with no page in between) and the token names the organisation and carries the role.
 *
 * <p>And the attacks an organisation's provider could make, since Chorus trusts the email it sends:
 * claiming a coordinator's email, claiming a demo person's username, or an email at its own domain
 * whose Chorus account was not made to wait for it. Each sign-in is refused and no account is linked.
 */
class OrganisationSignInIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String COUNCIL_REALM = "leeds-council-sso";
    static final String COUNCIL_CLIENT_SECRET = "council-issued-secret-for-chorus";
    static final String ORGANISATION = "leeds-city-council";
    static final String ROBIN_EMAIL = "robin@leeds-city-council.example";
    static final String ROBIN_PASSWORD = "council-password";
    static final String REDIRECT_URI = "http://127.0.0.1:8080/callback";
    static final String CLAIMANT_PASSWORD = "council-password-2";
    static final String PAT_EMAIL = "pat@leeds-city-council.example";

    static GatewayClient gateway;
    static String keycloak;
    static String coordinator;
    static String idpAlias;
    /** The master realm's admin, for the council's side and for reading what Chorus's realm holds. */
    static KeycloakAdminCalls admin;
    /** Why the last sign-in stopped, when it did. */
    static String refusal = "";

    @BeforeAll
    static void platform() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        gateway = new GatewayClient(platform.gatewayUrl());
        keycloak = RealKeycloak.get().baseUrl();
        coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        theCouncilAndItsProvider();
    }

    private static void theCouncilAndItsProvider() throws Exception {
        String councilIssuer = keycloak + "/realms/" + COUNCIL_REALM;
        createCouncilRealm();

        // Chorus's side, through its public API only.
        var organisation = gateway.post("/v1/organizations?organizationId=" + ORGANISATION, coordinator, """
                {"displayName": "Leeds City Council (test)", "emailDomains": ["leeds-city-council.example"],
                 "identityProvider": {"issuer": "%1$s",
                   "authorizationUrl": "%1$s/protocol/openid-connect/auth",
                   "tokenUrl": "%1$s/protocol/openid-connect/token",
                   "jwksUrl": "%1$s/protocol/openid-connect/certs",
                   "clientId": "chorus", "clientSecret": "%2$s"}}""".formatted(councilIssuer, COUNCIL_CLIENT_SECRET));
        assertThat(organisation.status()).as(organisation.body().toString()).isEqualTo(200);
        idpAlias = organisation.body().path("identityProvider").path("alias").asString();
        assertThat(idpAlias).isEqualTo(ORGANISATION + "-idp");
        assertThat(organisation.body().path("identityProvider").has("clientSecret")).isFalse();
    }

    @Test
    void aCouncilPersonSignsInThroughTheCouncilsOwnProviderAndLandsInTheOrganisationWithTheirRole() throws Exception {
        String commission = "leeds-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(gateway.post("/v1/commissions?commissionId=" + commission, coordinator,
                "{\"displayName\": \"Leeds Poverty Truth Commission\"}").status()).isEqualTo(200);
        // Robin has never signed in to Chorus: the grant names them by the email their council vouches for.
        var grant = gateway.post("/v1/commissions/" + commission + "/roleGrants", coordinator,
                "{\"person\": \"" + ROBIN_EMAIL + "\", \"role\": \"MEMBER\"}");
        assertThat(grant.status()).as(grant.body().toString()).isEqualTo(200);
        assertThat(grant.body().path("mirrorState").asString()).isEqualTo("MIRRORED");

        // Robin's browser.
        String robin = signInThroughTheCouncil(ROBIN_EMAIL, ROBIN_PASSWORD).orElseThrow(() -> new AssertionError(refusal));
        Map<String, Object> claims = claims(robin);

        assertThat(claims.get("email")).isEqualTo(ROBIN_EMAIL);
        assertThat(organisations(claims.get("organization"))).containsExactly(ORGANISATION);
        assertThat(((List<?>) claims.get("groups")).stream().map(String::valueOf).toList()).contains("/commissions/" + commission + "/member");
        assertThat(claims.get("sub")).as("the brokered sign-in is linked to the account the grant made").isEqualTo(
                grant.body().path("subject").asString());
        // And Chorus takes the token: Robin reads the commission they were given a role in, and no other.
        assertThat(gateway.get("/v1/commissions/" + commission, robin).status()).isEqualTo(200);
        assertThat(gateway.get("/v1/commissions/" + commission + "/roleGrants", robin).status())
                .as("a member does not manage roles").isEqualTo(403);
    }

    @Test
    void theCouncilsProviderCannotClaimACoordinatorsAccountByEmail() throws Exception {
        String amara = admin.chorusAccount("amara");
        assertThat(signInThroughTheCouncil("casey", CLAIMANT_PASSWORD)).as("a council account carrying amara's email").isEmpty();
        assertThat(refusal).contains("cannot use");
        assertThat(federatedIdentities(amara)).as("amara's account is not linked to the council").isEmpty();
    }

    @Test
    void theCouncilsProviderCannotClaimAnAccountByUsername() throws Exception {
        String sam = admin.chorusAccount("sam");
        Optional<String> token = signInThroughTheCouncil("sam", CLAIMANT_PASSWORD);
        assertThat(token).as("Keycloak finds the username taken, and the flow refuses to link it").isEmpty();
        assertThat(refusal).contains("cannot use");
        assertThat(federatedIdentities(sam)).as("sam's account is not linked to the council").isEmpty();
    }

    @Test
    void theCouncilsProviderCannotClaimAnAccountAtItsOwnDomainThatWasNotMadeToWaitForIt() throws Exception {
        // An account someone made by hand, with a password, at the council's domain: the council's
        // provider may not take it over just because the domain is the council's.
        String pat = admin.createUserIfMissing(PAT_EMAIL, PAT_EMAIL, "Pat", "Doyle", "a-password-of-pats-own");
        assertThat(signInThroughTheCouncil(PAT_EMAIL, CLAIMANT_PASSWORD)).isEmpty();
        assertThat(refusal).contains("cannot use");
        assertThat(federatedIdentities(pat)).isEmpty();
    }

    /** The browser's part: code + PKCE at Chorus, sent on to the council, the council's form, back through the broker. */
    private Optional<String> signInThroughTheCouncil(String username, String password) throws Exception {
        refusal = "";
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(new PlainHttpCookies(), CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String verifier = randomUrlSafe(48);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = randomUrlSafe(16);
        String authorize = keycloak + "/realms/chorus/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", "chorus-gateway",
                "response_type", "code",
                "redirect_uri", REDIRECT_URI,
                "scope", "openid organization",
                "state", state,
                "code_challenge", challenge,
                "code_challenge_method", "S256",
                "kc_idp_hint", idpAlias));

        HttpResponse<String> page = followUntilPage(browser, browser.send(get(authorize), HttpResponse.BodyHandlers.ofString()));
        assertThat(page.uri().toString()).as("the browser reaches the council's own login form")
                .startsWith(keycloak + "/realms/" + COUNCIL_REALM + "/");
        String action = formAction(page.body());
        HttpResponse<String> afterLogin = browser.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "credentialId", ""))))
                .build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> last = afterLogin;
        String callback = null;
        for (int hop = 0; hop < 15; hop++) {
            String location = last.headers().firstValue("Location").orElse(null);
            if (location == null) {
                break;
            }
            String next = last.uri().resolve(location).toString();
            if (next.startsWith(REDIRECT_URI)) {
                callback = next;
                break;
            }
            last = browser.send(get(next), HttpResponse.BodyHandlers.ofString());
        }
        if (callback == null) {
            // Keycloak stopped on a page of its own: the sign-in was refused (or asked a question, which it must not).
            refusal = "stopped at " + last.uri() + " (HTTP " + last.statusCode() + "): " + title(last.body()) + ": " + message(last.body());
            return Optional.empty();
        }
        Map<String, String> returned = query(URI.create(callback));
        assertThat(returned.get("state")).isEqualTo(state);
        assertThat(returned).containsKey("code");

        HttpResponse<String> tokens = browser.send(HttpRequest.newBuilder(
                        URI.create(keycloak + "/realms/chorus/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "authorization_code",
                        "code", returned.get("code"),
                        "redirect_uri", REDIRECT_URI,
                        "client_id", "chorus-gateway",
                        "client_secret", "chorus-gateway-dev-secret",
                        "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Optional.of(JSON.readTree(tokens.body()).path("access_token").asString());
    }

    /** The council's realm, with a confidential client for Chorus and Robin, made as the master realm's admin. */
    private static void createCouncilRealm() throws Exception {
        admin = KeycloakAdminCalls.asMasterAdmin(keycloak);
        String brokerEndpoint = keycloak + "/realms/chorus/broker/" + ORGANISATION + "-idp/endpoint";
        String realm = """
                {"realm": "%s", "enabled": true, "sslRequired": "none",
                 "clients": [{"clientId": "chorus", "enabled": true, "publicClient": false,
                   "clientAuthenticatorType": "client-secret", "secret": "%s",
                   "standardFlowEnabled": true, "directAccessGrantsEnabled": false,
                   "redirectUris": ["%s"], "attributes": {"pkce.code.challenge.method": "S256"}}],
                 "users": [%s, %s, %s, %s]}"""
                .formatted(COUNCIL_REALM, COUNCIL_CLIENT_SECRET, brokerEndpoint,
                        councilPerson(ROBIN_EMAIL, ROBIN_EMAIL, "Robin", "Ashby", ROBIN_PASSWORD),
                        councilPerson("casey", "amara@example.org", "Casey", "Brook", CLAIMANT_PASSWORD),
                        councilPerson("sam", "sam.other@leeds-city-council.example", "Sam", "Other", CLAIMANT_PASSWORD),
                        councilPerson(PAT_EMAIL, PAT_EMAIL, "Pat", "Doyle", CLAIMANT_PASSWORD));
        admin.call("POST", "/admin/realms", realm);
    }

    private static String councilPerson(String username, String email, String first, String last, String password) {
        return """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "%s", "lastName": "%s",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(username, email, first, last, password);
    }

    private static List<String> federatedIdentities(String userId) throws Exception {
        List<String> providers = new ArrayList<>();
        admin.call("GET", "/admin/realms/chorus/users/" + userId + "/federated-identity", null)
                .forEach(link -> providers.add(link.path("identityProvider").asString()));
        return providers;
    }

    private static HttpResponse<String> followUntilPage(HttpClient browser, HttpResponse<String> response)
            throws IOException, InterruptedException {
        for (int hop = 0; hop < 10 && response.statusCode() / 100 == 3; hop++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            response = browser.send(get(response.uri().resolve(location).toString()), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).as(response.uri() + ": " + title(response.body()) + ": " + message(response.body()))
                .isEqualTo(200);
        return response;
    }

    private static String formAction(String html) {
        Matcher form = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html);
        assertThat(form.find()).as("a login form: " + title(html)).isTrue();
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(form.group());
        assertThat(action.find()).isTrue();
        return action.group(1).replace("&amp;", "&");
    }

    private static String title(String html) {
        Matcher title = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL).matcher(html == null ? "" : html);
        return title.find() ? title.group(1).strip() : "(no page)";
    }

    /**
     * A browser's cookie jar for plain-HTTP test servers: Keycloak marks its session cookies
     * {@code Secure} (they are {@code SameSite=None}), which a browser still sends to 127.0.0.1 but
     * the JDK's jar sends only over HTTPS. Everything else (paths, hosts, expiry) is the JDK's.
     */
    private static final class PlainHttpCookies implements CookieStore {
        private final CookieStore jar = new CookieManager().getCookieStore();

        @Override
        public void add(URI uri, HttpCookie cookie) {
            cookie.setSecure(false);
            jar.add(uri, cookie);
        }

        @Override
        public List<HttpCookie> get(URI uri) {
            return jar.get(uri);
        }

        @Override
        public List<HttpCookie> getCookies() {
            return jar.getCookies();
        }

        @Override
        public List<URI> getURIs() {
            return jar.getURIs();
        }

        @Override
        public boolean remove(URI uri, HttpCookie cookie) {
            return jar.remove(uri, cookie);
        }

        @Override
        public boolean removeAll() {
            return jar.removeAll();
        }
    }

    /** The message Keycloak shows on an error page, for a failure that says why. */
    private static String message(String html) {
        Matcher message = Pattern.compile("class=\"(?:kc-feedback-text|instruction)\"[^>]*>(.*?)<", Pattern.DOTALL)
                .matcher(html == null ? "" : html);
        return message.find() ? message.group(1).strip() : html == null ? "" : html.substring(0, Math.min(html.length(), 400));
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static Map<String, Object> claims(String jwt) {
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
        return claims;
    }

    /** The {@code organization} claim: a list of aliases, or a map keyed by alias. */
    private static List<String> organisations(Object claim) {
        if (claim instanceof Map<?, ?> byAlias) {
            return byAlias.keySet().stream().map(String::valueOf).toList();
        }
        if (claim instanceof List<?> aliases) {
            return aliases.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

}
