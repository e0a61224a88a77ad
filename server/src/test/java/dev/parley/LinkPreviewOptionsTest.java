package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code parley serve}'s link preview options refuse what they cannot mean before anything starts:
 * a name or a malformed range in {@code --link-preview-internal}, a word other than on or off.
 */
class LinkPreviewOptionsTest {

  @Test
  void aNameInTheInternalAddressesIsRefused() {
    assertThat(
            SsoOptionsTest.refusal(
                "serve", "--port", "0", "--link-preview-internal", "10.0.0.0/8,wiki.corp"))
        .contains("--link-preview-internal: 'wiki.corp' is not an IP address or range");
  }

  @Test
  void previewsAreOnOrOff() {
    assertThat(SsoOptionsTest.refusal("serve", "--port", "0", "--link-previews", "maybe"))
        .contains("--link-previews is on or off, not maybe");
  }
}
