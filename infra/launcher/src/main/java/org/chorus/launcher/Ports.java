package org.chorus.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port the platform listens on. {@link #fixed(int)} is what {@code ./chorus up} uses and the
 * README documents; {@link #free()} picks unused ports so tests can run beside a running platform.
 */
public record Ports(int postgres, int keycloak, int keycloakManagement, int gateway, int gatewayGrpc, int console,
                    Map<String, ServicePorts> services) {

    public Ports {
        services = Map.copyOf(services);
    }

    /** The highest offset {@link #fixed(int)} takes: every port stays below 65536. */
    public static final int MAX_OFFSET = 65535 - 9180;

    /**
     * {@code ./chorus up}'s ports, each moved by {@code offset} ({@code --port-offset}, {@code CHORUS_PORT_OFFSET}) so
     * that it can run beside something that holds them: 0 gives the gateway 8080, 1000 gives it 9080.
     */
    public static Ports fixed(int offset) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("A port offset is a number from 0 to " + MAX_OFFSET + ", not " + offset);
        }
        Map<String, ServicePorts> services = new LinkedHashMap<>();
        services.put("commissions", new ServicePorts(8081 + offset, 9091 + offset));
        services.put("membership", new ServicePorts(8082 + offset, 9092 + offset));
        services.put("payments", new ServicePorts(8083 + offset, 9093 + offset));
        services.put("reporting", new ServicePorts(8084 + offset, 9094 + offset));
        return new Ports(5433 + offset, 8180 + offset, 9180 + offset, 8080 + offset, 8090 + offset, 8085 + offset, services);
    }

    /** Ports that were free a moment ago. A port may still be taken by someone else before use. */
    public static Ports free() {
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        java.util.function.IntSupplier next = () -> {
            int port;
            do {
                port = freePort();
            } while (!taken.add(port));
            return port;
        };
        Map<String, ServicePorts> services = new LinkedHashMap<>();
        for (String name : ChorusPlatform.SERVICES) {
            services.put(name, new ServicePorts(next.getAsInt(), next.getAsInt()));
        }
        return new Ports(next.getAsInt(), next.getAsInt(), next.getAsInt(), next.getAsInt(), next.getAsInt(), next.getAsInt(), services);
    }

    public ServicePorts service(String name) {
        ServicePorts ports = services.get(name);
        if (ports == null) {
            throw new IllegalArgumentException("No ports for service " + name);
        }
        return ports;
    }

    /** All ports, for checking before a start that none is already taken. */
    public List<Integer> all() {
        List<Integer> all = new ArrayList<>(List.of(postgres, keycloak, keycloakManagement, gateway, gatewayGrpc, console));
        services.values().forEach(p -> {
            all.add(p.http());
            all.add(p.grpc());
        });
        return all;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        }
    }

    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
