package dev.dialtone.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision is made from the settings alone, before anything binds: no test listens beyond loopback. */
class AccessModeTest {
    private static final Optional<Path> FILE = Optional.of(Path.of("/etc/dialtone/credentials.json"));

    @Test
    void loopbackWithoutACredentialsFileIsTheLaptopMode() {
        assertThat(AccessMode.decide("127.0.0.1", Optional.empty(), false)).isEqualTo(AccessMode.LAPTOP);
        assertThat(AccessMode.decide("::1", Optional.empty(), false)).isEqualTo(AccessMode.LAPTOP);
        assertThat(AccessMode.decide("[::1]", Optional.empty(), false)).isEqualTo(AccessMode.LAPTOP);
        assertThat(AccessMode.decide("127.0.0.2", Optional.empty(), false)).isEqualTo(AccessMode.LAPTOP);
    }

    @Test
    void anyOtherAddressWithoutACredentialsFileIsRefusedNamingTheFlag() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10", "2001:db8::1"}) {
            assertThatThrownBy(() -> AccessMode.decide(host, Optional.empty(), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("listening on " + host)
                    .hasMessageContaining("--credentials-file FILE")
                    .hasMessageContaining("--insecure-allow-anonymous");
        }
    }

    @Test
    void insecureAllowAnonymousIsTheOperatorsExplicitChoice() {
        assertThat(AccessMode.decide("0.0.0.0", Optional.empty(), true)).isEqualTo(AccessMode.INSECURE_ANONYMOUS);
    }

    @Test
    void aCredentialsFileMeansSignedRequestsWhereverTheServerListens() {
        assertThat(AccessMode.decide("127.0.0.1", FILE, false)).isEqualTo(AccessMode.SIGNED);
        assertThat(AccessMode.decide("0.0.0.0", FILE, false)).isEqualTo(AccessMode.SIGNED);
        assertThat(AccessMode.decide("0.0.0.0", FILE, true)).isEqualTo(AccessMode.SIGNED);
    }
}
