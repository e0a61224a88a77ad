package dev.parley.web.sso;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code GET /auth/oidc} tells the login screen: off, or on with the button's name, which is
 * the administrator's text and arrives exactly as written, quotes, controls and markup included, in
 * a body that holds no markup itself.
 */
class SsoInfoTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static OidcSettings named(String name) {
    return new OidcSettings("https://id.example.org", "parley", "secret", name, null);
  }

  @Test
  void offSaysOnlyThatItIsOff() {
    assertThat(SsoEndpoint.info(null)).isEqualTo("{\"enabled\":false}");
  }

  @Test
  void onNamesTheButtonAsTheAdministratorWroteIt() {
    assertThat(SsoEndpoint.info(named("Example ID")))
        .isEqualTo("{\"enabled\":true,\"name\":\"Example ID\"}");
    assertThat(SsoEndpoint.info(named(null)))
        .isEqualTo("{\"enabled\":true,\"name\":\"id.example.org\"}");

    String odd = "<b>\"Q\" & \\ R</b>\n\t\u0001 é 字 😀";
    String body = SsoEndpoint.info(named(odd));
    assertThat(body).doesNotContain("<", ">", "&", "\n", "\u0001");
    JsonNode read = JSON.readTree(body);
    assertThat(read.path("enabled").asBoolean()).isTrue();
    assertThat(read.path("name").asString()).isEqualTo(odd);
  }
}
