package org.chorus.platform.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.NameResolverRegistry;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressListNameResolverProviderTest {

    private final AddressListNameResolverProvider provider = new AddressListNameResolverProvider();

    @Test
    void gRpcFindsItByItsSchemeButATargetWithoutOneStillMeansDns() {
        assertThat(NameResolverRegistry.getDefaultRegistry().getProviderForScheme("addresses"))
                .isInstanceOf(AddressListNameResolverProvider.class);
        // gRPC takes the default scheme from the provider of highest priority; DNS's is 5.
        assertThat(provider.priority()).isLessThan(5);
    }

    @Test
    void aTargetListsEachInstance() {
        assertThat(AddressListNameResolverProvider.target(List.of("127.0.0.1:9091", "127.0.0.1:9191")))
                .isEqualTo("addresses:///127.0.0.1:9091,127.0.0.1:9191");
        assertThatThrownBy(() -> AddressListNameResolverProvider.target(List.of()))
                .hasMessageContaining("at least one address");
    }

    @Test
    void anAddressWithoutAPortSaysWhatToFix() {
        assertThatThrownBy(() -> provider.newNameResolver(URI.create("addresses:///127.0.0.1:9091,membership"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a host and a port (host:port), not 'membership'");
        assertThatThrownBy(() -> provider.newNameResolver(URI.create("addresses:///membership:99999"), null))
                .hasMessageContaining("is not a port number");
    }

    @Test
    void anotherSchemeIsNotItsToResolve() {
        assertThat(provider.newNameResolver(URI.create("dns:///membership:9092"), null)).isNull();
    }

}
