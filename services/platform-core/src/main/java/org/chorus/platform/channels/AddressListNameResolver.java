package org.chorus.platform.channels;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.chorus.platform.channels.AddressListNameResolverProvider.HostPort;

/**
 * Resolves each {@code host:port} of the list to all the host's addresses, off the caller's thread (a host name
 * lookup may block), and again whenever the channel asks (after a connection fails), so a name that moves is
 * followed. An address that cannot be resolved now is left out while the others serve; with none, the channel
 * hears UNAVAILABLE and asks again later.
 */
final class AddressListNameResolver extends NameResolver {

    private final List<HostPort> addresses;
    private final String authority;
    private final SynchronizationContext syncContext;
    private final Executor lookups;
    private Listener2 listener;
    private boolean resolving;

    AddressListNameResolver(List<HostPort> addresses, Args args) {
        this.addresses = List.copyOf(addresses);
        this.authority = addresses.getFirst().host() + ":" + addresses.getFirst().port();
        this.syncContext = args.getSynchronizationContext();
        Executor offload = args.getOffloadExecutor();
        this.lookups = offload != null ? offload : command -> Thread.ofVirtual().start(command);
    }

    @Override
    public String getServiceAuthority() {
        return authority;
    }

    @Override
    public void start(Listener2 listener) {
        this.listener = listener;
        resolve();
    }

    @Override
    public void refresh() {
        resolve();
    }

    private void resolve() {
        if (resolving || listener == null) {
            return;
        }
        resolving = true;
        lookups.execute(() -> {
            List<EquivalentAddressGroup> groups = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (HostPort address : addresses) {
                try {
                    for (InetAddress ip : InetAddress.getAllByName(address.host())) {
                        groups.add(new EquivalentAddressGroup(new InetSocketAddress(ip, address.port())));
                    }
                } catch (UnknownHostException e) {
                    unknown.add(address.host());
                }
            }
            StatusOr<List<EquivalentAddressGroup>> result = groups.isEmpty()
                    ? StatusOr.fromStatus(Status.UNAVAILABLE.withDescription("No address found for " + unknown))
                    : StatusOr.fromValue(groups);
            syncContext.execute(() -> {
                resolving = false;
                if (listener != null) {
                    listener.onResult2(ResolutionResult.newBuilder().setAddressesOrError(result).build());
                }
            });
        });
    }

    @Override
    public void shutdown() {
        listener = null;
    }
}
