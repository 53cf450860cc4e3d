package org.chorus.gateway.transcoding;

import java.util.List;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.web.server.ServerWebExchange;

/**
 * The predicate of one backend's SCG route: the request matches one of the contract's HTTP routes of that backend
 * ({@link RouteTable#match(ServerWebExchange)}, found once per request). Not SCG's {@code Path} predicate: a
 * contract route's template ({@code /v1/{name=commissions/*}:archive}) binds fields and custom verbs that a path
 * pattern cannot express, and the transcoding needs the route that matched.
 */
final class ContractRoutePredicate implements GatewayPredicate {

    private static final String API = "/v1/";

    private final String backend;
    private final RouteTable table;
    private final List<String> routes;

    ContractRoutePredicate(String backend, RouteTable table) {
        this.backend = backend;
        this.table = table;
        this.routes = table.routes().stream().filter(route -> route.backend().equals(backend)).map(HttpRoute::describe).toList();
    }

    @Override
    public boolean test(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value().startsWith(API)
                && table.match(exchange) instanceof RouteTable.Match.Found found
                && found.route().backend().equals(backend);
    }

    /** What {@code /actuator/gateway/routes} shows. */
    @Override
    public String toString() {
        return "Contract: " + backend + " " + routes;
    }
}
