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
 * Every port the platform listens on. {@link #fixed()} is what {@code ./chorus up} uses and the
 * README documents; {@link #free()} picks unused ports so tests can run beside a running platform.
 */
public record Ports(int postgres, int keycloak, int keycloakManagement, int gateway, int gatewayGrpc, int console,
                    Map<String, ServicePorts> services) {

    public Ports {
        services = Map.copyOf(services);
    }

    public static Ports fixed() {
        Map<String, ServicePorts> services = new LinkedHashMap<>();
        services.put("commissions", new ServicePorts(8081, 9091));
        services.put("membership", new ServicePorts(8082, 9092));
        services.put("payments", new ServicePorts(8083, 9093));
        services.put("reporting", new ServicePorts(8084, 9094));
        return new Ports(5433, 8180, 9180, 8080, 8090, 8085, services);
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
