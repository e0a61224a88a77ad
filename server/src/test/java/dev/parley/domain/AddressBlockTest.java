package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Addresses and CIDR blocks as operators write them in {@code --trusted-proxies} and {@code
 * --link-preview-internal}: what a block holds, and that a name or a malformed literal is refused
 * (never looked up). Addresses appear only as strings matched, never connected to.
 */
class AddressBlockTest {

  private static byte[] bytes(String literal) throws Exception {
    return InetAddress.getByName(literal).getAddress();
  }

  @Test
  void aBlockHoldsTheAddressesOfItsPrefix() throws Exception {
    AddressBlock ten = AddressBlock.parse("10.0.0.0/8");
    assertThat(ten.contains(bytes("10.200.3.4"))).isTrue();
    assertThat(ten.contains(bytes("11.0.0.1"))).isFalse();
    AddressBlock odd = AddressBlock.parse("172.16.0.0/12");
    assertThat(odd.contains(bytes("172.31.255.255"))).isTrue();
    assertThat(odd.contains(bytes("172.32.0.0"))).isFalse();
    AddressBlock one = AddressBlock.parse("192.168.1.7");
    assertThat(one.contains(bytes("192.168.1.7"))).isTrue();
    assertThat(one.contains(bytes("192.168.1.8"))).isFalse();
    assertThat(AddressBlock.parse("0.0.0.0/0").contains(bytes("203.0.113.9"))).isTrue();
  }

  @Test
  void ipv6BlocksMatchOnlyIpv6AndMappedFormsReadAsIpv4() throws Exception {
    AddressBlock ula = AddressBlock.parse("fd00::/8");
    assertThat(ula.contains(bytes("fd12::1"))).isTrue();
    assertThat(ula.contains(bytes("fe80::1"))).isFalse();
    assertThat(ula.contains(bytes("10.0.0.1"))).isFalse();
    assertThat(AddressBlock.parse("::1").contains(bytes("::1"))).isTrue();
    assertThat(AddressBlock.parse("::ffff:10.0.0.0/8").contains(bytes("10.1.1.1"))).isTrue();
  }

  @Test
  void namesAndMalformedLiteralsAreRefused() {
    for (String bad :
        List.of(
            "localhost",
            "wiki.corp",
            ".:",
            "10.0.0",
            "1.2.3.256",
            "10.0.0.0/33",
            "10.0.0.0/x",
            "10.0.0.0/",
            "fd00::/129",
            "::g",
            "")) {
      assertThatThrownBy(() -> AddressBlock.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
  }
}
