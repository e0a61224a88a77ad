package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address check of the link fetcher and the push sender, on literals only: {@code
 * InetAddress.getByName} of a literal parses it and looks nothing up, and nothing here connects
 * anywhere.
 */
class PublicAddressTest {

  private static InetAddress literal(String s) throws UnknownHostException {
    return InetAddress.getByName(s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "0.1.2.3", // unspecified, "this network"
        "127.0.0.1",
        "127.255.255.254", // loopback
        "10.0.0.1",
        "10.255.255.255",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1", // RFC 1918
        "169.254.169.254",
        "169.254.0.1", // link-local, cloud metadata
        "100.64.0.1",
        "100.127.255.254", // carrier-grade NAT
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255", // multicast, reserved
        "192.0.0.8",
        "198.18.0.1", // protocol assignments, benchmarking
        "::",
        "::1", // unspecified, loopback
        "fc00::1",
        "fd12:3456:789a::1", // unique-local
        "fe80::1",
        "febf::1",
        "fec0::1", // link-local, site-local
        "ff02::1", // multicast
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:192.168.0.1",
        "::127.0.0.1",
        "::10.0.0.1", // IPv4-compatible forms
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe", // NAT64 of loopback and metadata
        "2002:7f00:1::",
        "2002:a00:1::" // 6to4 of loopback and 10/8
      })
  void refusesWhatIsNotThePublicInternet(String address) throws UnknownHostException {
    assertThat(PublicAddress.isPublic(literal(address))).as(address).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "1.1.1.1",
        "8.8.8.8",
        "100.63.255.255", // just below carrier-grade NAT
        "100.128.0.1", // just above it
        "172.15.255.255", // just below 172.16/12
        "172.32.0.1", // just above it
        "169.253.255.255",
        "223.255.255.255",
        "2606:4700:4700::1111",
        "2001:db8::1",
        "::ffff:93.184.216.34",
        "64:ff9b::5db8:d822",
        "2002:5db8:d822::1"
      })
  void acceptsPublicAddresses(String address) throws UnknownHostException {
    assertThat(PublicAddress.isPublic(literal(address))).as(address).isTrue();
  }
}
