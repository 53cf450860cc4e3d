package org.chorus.platform.channels;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Lets one gRPC channel name every instance of a service: {@code addresses:///10.0.0.1:9091,10.0.0.2:9091}
 * (host names are looked up, each giving all its addresses). gRPC's own resolvers take one host name, and
 * instances on one machine differ only by port; with a list, the channel's round-robin balancer, guided by
 * each instance's health (a stopping instance says NOT_SERVING first), spreads calls over the instances that
 * serve. Registered through {@code META-INF/services}, so every channel in the gateway and the services can
 * use it.
 */
public final class AddressListNameResolverProvider extends NameResolverProvider {

    public static final String SCHEME = "addresses";

    /** The target for a list of {@code host:port}. */
    public static String target(List<String> hostPorts) {
        if (hostPorts.isEmpty()) {
            throw new IllegalArgumentException("A service needs at least one address");
        }
        return SCHEME + ":///" + String.join(",", hostPorts);
    }

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        if (!SCHEME.equals(target.getScheme())) {
            return null;
        }
        String path = target.getPath() == null ? "" : target.getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        List<HostPort> addresses = new ArrayList<>();
        for (String address : path.split(",")) {
            addresses.add(HostPort.parse(address.strip(), target));
        }
        return new AddressListNameResolver(addresses, args);
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    /** Below gRPC's DNS resolver (5), so a target without a scheme still means DNS. */
    @Override
    protected int priority() {
        return 4;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }

    record HostPort(String host, int port) {

        static HostPort parse(String address, URI target) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw new IllegalArgumentException("Each address in " + target + " needs a host and a port (host:port), not '"
                        + address + "'");
            }
            String host = address.substring(0, colon);
            try {
                int port = Integer.parseInt(address.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The port in '" + address + "' of " + target + " is not a port number", e);
            }
        }
    }
}
