package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.InternalHosts;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a push may go: https to a public address on port 443, or an inside address the operator
 * listed. Checked without a lookup when a device subscribes, and with every resolved address before
 * each push. Names resolve through a table here; every address is a string, never connected to.
 */
class PushEndpointsTest {

  private static final Map<String, List<String>> DNS =
      Map.of(
          "push.example", List.of("93.184.216.34", "2606:2800:220:1::1"),
          "rebound.example", List.of("10.0.0.7"),
          "half.example", List.of("93.184.216.34", "169.254.169.254"),
          "relay.corp", List.of("10.1.2.3"));

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    List<String> addresses = DNS.get(host);
    if (addresses == null) throw new UnknownHostException(host);
    InetAddress[] out = new InetAddress[addresses.size()];
    for (int i = 0; i < out.length; i++) out[i] = InetAddress.getByName(addresses.get(i));
    return out;
  }

  private static PushEndpoints server(String... internal) {
    InternalHosts hosts = InternalHosts.parse(List.of(internal));
    return new PushEndpoints(false, hosts, !hosts.isEmpty(), PushEndpointsTest::resolve);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://push.example/x", // not https
        "https://10.0.0.1/x",
        "https://127.0.0.1/x",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/x",
        "https://[fd00::5]/x",
        "https://[::ffff:192.168.1.1]/x",
        "https://2130706433/x", // 127.0.0.1 written as one number
        "https://127.1/x",
        "https://localhost/x",
        "https://push.localhost/x",
        "https://localhost./x",
        "https://push.example:8443/x", // another port
        "https://93.184.216.34:22/x"
      })
  void aServerRefusesInsideAddressesAndOtherPortsWhenADeviceSubscribes(String endpoint) {
    assertThat(server().allows(URI.create(endpoint))).as(endpoint).isFalse();
  }

  @Test
  void aPushServiceAtAPublicAddressOn443IsTakenAndChecked() throws Exception {
    PushEndpoints server = server();
    for (String ok :
        List.of(
            "https://push.example/wpush/v2/abc",
            "https://push.example:443/x",
            "https://93.184.216.34/x",
            "https://[2606:2800:220:1::1]/x")) {
      assertThat(server.allows(URI.create(ok))).as(ok).isTrue();
      server.check(URI.create(ok));
    }
  }

  @Test
  void aNameThatResolvesInsideIsRefusedBeforeThePush() {
    PushEndpoints server = server();
    for (String endpoint : List.of("https://rebound.example/x", "https://half.example/x")) {
      assertThat(server.allows(URI.create(endpoint))).as("no lookup at subscription").isTrue();
      assertThatThrownBy(() -> server.check(URI.create(endpoint)))
          .as(endpoint)
          .isInstanceOf(PushEndpoints.Refused.class)
          .hasMessageContaining("not public");
    }
  }

  @Test
  void theOperatorsRelayIsReachableOnTheAddressAndPortListedOnly() throws Exception {
    PushEndpoints server = server("10.1.2.3:8443");
    server.check(URI.create("https://10.1.2.3:8443/push/1"));
    server.check(URI.create("https://relay.corp:8443/push/1"));
    assertThat(server.allows(URI.create("https://10.1.2.3/x"))).isFalse();
    assertThat(server.allows(URI.create("https://10.1.2.4:8443/x"))).isFalse();
    assertThatThrownBy(() -> server.check(URI.create("https://relay.corp:8444/x")))
        .isInstanceOf(PushEndpoints.Refused.class);
    assertThatThrownBy(() -> server.check(URI.create("https://rebound.example:8443/x")))
        .isInstanceOf(PushEndpoints.Refused.class);
  }
}
