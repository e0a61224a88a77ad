package dev.parley.push;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.InternalHosts;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.PushService;
import dev.parley.testing.TestClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A push subscription cannot make the server knock on its own network: a server with its own rules
 * refuses an endpoint at an inside address when the device subscribes, and drops one whose name
 * resolves inside when a push is due, without sending it. Inside addresses other than loopback are
 * only strings here; the name {@code rebound.test} resolves to 127.0.0.1 through this test's table.
 */
class PushEndpointRulesTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  static final PushService service = new PushService();

  @AfterAll
  static void stopService() {
    service.close();
  }

  /** The device's keys with another endpoint. */
  static ObjectNode at(PushService.Device device, String endpoint) {
    ObjectNode sub = device.subscription();
    sub.put("endpoint", endpoint);
    return sub;
  }

  @Test
  void anEndpointAtAnInsideAddressIsRefusedWhenTheDeviceSubscribes() throws Exception {
    TestClient bob = server.user("bob");
    PushService.Device d = service.device();
    for (String endpoint :
        List.of(
            d.endpoint(), // the test's own service: http on 127.0.0.1
            d.endpoint().replace("http:", "https:"),
            "https://10.0.0.1/push/1",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/push/1",
            "https://localhost/push/1",
            "https://2130706433/push/1",
            "https://push.example:8443/push/1")) {
      JsonNode refused = bob.error(obj("type", "push", "subscription", at(d, endpoint)));
      assertThat(refused.path("code").asString()).as(endpoint).isEqualTo("bad_request");
      assertThat(refused.path("message").asString()).contains("public address");
    }
    assertThat(server.server().push().book().devices(bob.id())).isEmpty();
  }

  @Test
  void aNameThatResolvesInsideIsDroppedAtThePushWithoutARequest() throws Exception {
    WebPush push =
        TestPushers.start(
            server.server(),
            new PushEndpoints(
                false, InternalHosts.parse(List.of()), false, PushEndpointRulesTest::table));
    TestClient bob = server.user("bob");
    PushService.Device d = service.device();
    bob.ok(obj("type", "push", "subscription", at(d, "https://rebound.test/push/1")));
    assertThat(server.server().push().book().devices(bob.id())).hasSize(1);
    TestClient ann = server.user("ann");

    ann.send(obj("type", "send", "to", bob.id(), "id", TestClient.newId(), "text", "psst"));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(server.server().push().book().devices(bob.id())).isEmpty());
    assertThat(push.refused()).isEqualTo(1);
    assertThat(push.sent()).isZero();
  }

  private static InetAddress[] table(String host) throws UnknownHostException {
    if (!host.equals("rebound.test")) throw new UnknownHostException(host);
    return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
  }
}
