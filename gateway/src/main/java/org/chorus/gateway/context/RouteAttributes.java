package org.chorus.gateway.context;

/** What the transcoding handler learns about a request, kept on the exchange for the access log and metrics. */
public final class RouteAttributes {

    /** The matched route, for the access log. */
    public static final String ROUTE = RouteAttributes.class.getName() + ".route";
    /** The matched route's path template, for metrics. */
    public static final String TEMPLATE = RouteAttributes.class.getName() + ".template";
    /** The matched route's backend, for metrics. */
    public static final String BACKEND = RouteAttributes.class.getName() + ".backend";

    private RouteAttributes() {
    }
}
