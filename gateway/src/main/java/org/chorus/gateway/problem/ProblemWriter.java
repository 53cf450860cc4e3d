package org.chorus.gateway.problem;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import org.chorus.gateway.context.RequestIds;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes a {@link Problem} as {@code application/problem+json}; every error response passes through here. */
@Component
public class ProblemWriter {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.setContentType(PROBLEM_JSON);
        headers.setCacheControl("no-store");
        problem.headers().forEach((name, values) -> headers.put(name, values));
        byte[] bytes = toJson(problem, RequestIds.of(exchange)).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /** The JSON of a problem: {@code type, title, status, detail, reason, fieldViolations, requestId}. */
    public static String toJson(Problem problem, String requestId) {
        JsonObject json = new JsonObject();
        json.addProperty("type", problem.type());
        json.addProperty("title", problem.title());
        json.addProperty("status", problem.status());
        json.addProperty("detail", problem.detail());
        if (problem.reason() != null && !problem.reason().isBlank()) {
            json.addProperty("reason", problem.reason());
        }
        if (!problem.fieldViolations().isEmpty()) {
            JsonArray violations = new JsonArray();
            for (Problem.FieldViolation violation : problem.fieldViolations()) {
                JsonObject item = new JsonObject();
                item.addProperty("field", violation.field());
                item.addProperty("description", violation.description());
                violations.add(item);
            }
            json.add("fieldViolations", violations);
        }
        if (requestId != null) {
            json.addProperty("requestId", requestId);
        }
        return GSON.toJson(json);
    }
}
