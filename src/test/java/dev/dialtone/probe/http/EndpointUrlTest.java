package dev.dialtone.probe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.probe.InvalidTestInput;
import org.junit.jupiter.api.Test;

/** Where credentials and tokens may be sent: https anywhere, plain http only to loopback, judged without a lookup. */
class EndpointUrlTest {

    @Test
    void httpsIsAcceptedWithItsDefaultPort() {
        EndpointUrl url = EndpointUrl.parse("https://login.salesforce.com/services/oauth2/token?x=1", "TokenUrl");
        assertThat(url.https()).isTrue();
        assertThat(url.port()).isEqualTo(443);
        assertThat(url.origin()).isEqualTo("https://login.salesforce.com");
        assertThat(url.withoutQuery()).isEqualTo("https://login.salesforce.com/services/oauth2/token");
        assertThat(url.authority()).isEqualTo("login.salesforce.com");
    }

    @Test
    void plainHttpIsAcceptedOnlyForLoopbackNamesAndLiterals() {
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]"}) {
            EndpointUrl url = EndpointUrl.parse("http://" + host + ":8080/token", "TokenUrl");
            assertThat(url.https()).isFalse();
            assertThat(url.authority()).isEqualTo(host + ":8080");
        }
        for (String host : new String[] {"db.dialtone.test", "10.0.0.1", "192.168.1.10", "[::ffff:10.0.0.1]",
                "localhost.example.com", "127.0.0.1.nip.io"}) {
            assertThatThrownBy(() -> EndpointUrl.parse("http://" + host + "/token", "TokenUrl"))
                    .as(host).isInstanceOf(InvalidTestInput.class)
                    .hasMessageContaining("TokenUrl http://" + host + " is not https");
        }
    }

    @Test
    void credentialsInTheUrlFragmentsAndOtherSchemesAreRefused() {
        assertThatThrownBy(() -> EndpointUrl.parse("https://user:pw@login.salesforce.com/", "TokenUrl"))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> EndpointUrl.parse("https://login.salesforce.com/#x", "TokenUrl"))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("#fragment");
        assertThatThrownBy(() -> EndpointUrl.parse("file:///etc/passwd", "INSTANCE_URL"))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("INSTANCE_URL must be an absolute https:// URL");
        assertThatThrownBy(() -> EndpointUrl.parse("https://exa mple.com/", "INSTANCE_URL"))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("INSTANCE_URL is not a valid URL");
    }
}
