package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code parley serve --push-internal} refuses what it cannot mean before anything starts: a name
 * (it could be pointed anywhere) or a malformed address.
 */
class PushOptionsTest {

  @Test
  void aNameOrNonsenseInTheInternalAddressesIsRefused() {
    assertThat(
            SsoOptionsTest.refusal(
                "serve", "--port", "0", "--push-internal", "10.0.0.0/8,relay.corp"))
        .contains("--push-internal: 'relay.corp' is not an IP address or range");
    assertThat(SsoOptionsTest.refusal("serve", "--port", "0", "--push-internal", "10.0.0.5:99999"))
        .contains("--push-internal: '10.0.0.5:99999' is not an IP address or range");
  }
}
