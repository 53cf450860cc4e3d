package org.chorus.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.chorus.contract.ProtoDescriptors;
import org.chorus.gateway.transcoding.RouteTable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the OpenAPI document at {@code /v3/api-docs} and Swagger UI (from the {@code org.webjars:swagger-ui}
 * jar) at {@code /docs}. Both are open: the document is the public contract and holds no data. The document
 * is made once, at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String DOCUMENT_PATH = "/v3/api-docs";
    private static final String UI_PATH = "/docs";
    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /**
     * Its own filter chain, before the main one, so the documentation is open without touching the main
     * chain's rules (the main chain keeps "anything else needs a token").
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain apiDocsSecurityChain(ServerHttpSecurity http) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(DOCUMENT_PATH, UI_PATH, UI_PATH + "/**"))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes(ProtoDescriptors descriptors, RouteTable routes) {
        byte[] document = OpenApiDocument.generate(descriptors, routes).getBytes(StandardCharsets.UTF_8);
        String version = swaggerUiVersion();
        byte[] page = page().getBytes(StandardCharsets.UTF_8);
        return RouterFunctions.route()
                .GET(DOCUMENT_PATH, request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(document))
                .GET(UI_PATH, request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .bodyValue(page))
                .build()
                .and(RouterFunctions.resources(UI_PATH + "/ui/**",
                        new ClassPathResource("META-INF/resources/webjars/swagger-ui/" + version + "/")));
    }

    private static String swaggerUiVersion() {
        try (InputStream in = OpenApiConfiguration.class.getClassLoader().getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String page() {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Chorus API</title>
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <link rel="stylesheet" href="/docs/ui/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/docs/ui/swagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({url: "%s", dom_id: "#swagger-ui", deepLinking: true});
                  </script>
                </body>
                </html>
                """.formatted(DOCUMENT_PATH);
    }
}
