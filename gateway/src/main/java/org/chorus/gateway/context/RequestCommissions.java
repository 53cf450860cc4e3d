package org.chorus.gateway.context;

import java.util.List;
import org.chorus.platform.names.CommissionId;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

/**
 * The commission a JSON request claims: the segment after {@code /v1/commissions/}, read with the platform's
 * resource names ({@link CommissionId#claimedIn}) once per request and kept on the exchange, for the
 * commission guard and the rate limits alike. (The gRPC door reads the same from the request message,
 * {@code RequestCommission}.) {@code null} when the path names no commission.
 */
public final class RequestCommissions {

    private static final String ATTRIBUTE = RequestCommissions.class.getName();
    /** Kept for a request that names no commission, so it is not read again. */
    private static final String NONE = "";

    private RequestCommissions() {
    }

    public static String of(ServerWebExchange exchange) {
        String known = exchange.getAttribute(ATTRIBUTE);
        if (known == null) {
            known = claimed(exchange.getRequest().getPath().pathWithinApplication());
            exchange.getAttributes().put(ATTRIBUTE, known);
        }
        return known.equals(NONE) ? null : known;
    }

    private static String claimed(PathContainer path) {
        List<PathContainer.Element> elements = path.elements();
        // "/", "v1", "/", "commissions", "/", "<commission>", …; segments decoded, as Spring's path matchers see them.
        if (elements.size() < 6 || !"v1".equals(elements.get(1).value()) || !"commissions".equals(elements.get(3).value())
                || !(elements.get(5) instanceof PathContainer.PathSegment segment)) {
            return NONE;
        }
        String commission = CommissionId.claimedIn("commissions/" + segment.valueToMatch());
        return commission == null ? NONE : commission;
    }
}
