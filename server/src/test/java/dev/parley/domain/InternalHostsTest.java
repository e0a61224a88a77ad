package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's inside addresses ({@code --link-preview-internal}, {@code --push-internal}): each
 * entry allows its addresses on the ports given (80 and 443 without one), and nothing else inside;
 * names and nonsense are refused before the server starts. The addresses here are only strings
 * matched, never connected to.
 */
class InternalHostsTest {

  private static InetSocketAddress at(String address, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(address), port);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aRangeWithoutAPortAllowsItsAddressesOnTheUsualPortsOnly() {
    InternalHosts hosts = InternalHosts.parse(List.of("10.0.0.0/8"));
    assertThat(hosts.test(at("10.1.2.3", 80))).isTrue();
    assertThat(hosts.test(at("10.255.0.9", 443))).isTrue();
    assertThat(hosts.test(at("10.1.2.3", 8080))).isFalse();
    assertThat(hosts.test(at("11.0.0.1", 80))).isFalse();
    assertThat(hosts.test(at("192.168.1.1", 80))).isFalse();
  }

  @Test
  void anAddressWithAPortAllowsThatAddressOnThatPortOnly() {
    InternalHosts hosts = InternalHosts.parse(List.of(" 192.168.4.20:8080", "[fd00::5]:8443"));
    assertThat(hosts.test(at("192.168.4.20", 8080))).isTrue();
    assertThat(hosts.test(at("192.168.4.20", 80))).isFalse();
    assertThat(hosts.test(at("192.168.4.21", 8080))).isFalse();
    assertThat(hosts.test(at("fd00::5", 8443))).isTrue();
    assertThat(hosts.test(at("fd00::6", 8443))).isFalse();
    assertThat(hosts.test(at("::ffff:192.168.4.20", 8080))).isTrue(); // Java gives the IPv4 form
  }

  @Test
  void anIpv6RangeMatchesByItsPrefix() {
    InternalHosts hosts = InternalHosts.parse(List.of("fd12:3456::/32"));
    assertThat(hosts.test(at("fd12:3456:9::1", 443))).isTrue();
    assertThat(hosts.test(at("fd12:3457::1", 443))).isFalse();
    assertThat(hosts.test(at("10.0.0.1", 443))).isFalse();
  }

  @Test
  void namesAndNonsenseAreRefusedWithTheEntryNamed() {
    for (String bad :
        List.of(
            "wiki.corp",
            "wiki.corp:8080",
            "10.0.0.0/33",
            "10.0.0.1:0",
            "10.0.0.1:99999",
            "10.0.0.1:http",
            "[fd00::5",
            "[fd00::5]8080",
            "fd00::/129",
            "/8")) {
      assertThatThrownBy(() -> InternalHosts.parse(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    assertThat(InternalHosts.parse(List.of("", " ")).isEmpty()).isTrue();
  }
}
