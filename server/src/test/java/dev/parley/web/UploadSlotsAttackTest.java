package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Guards;
import dev.parley.testing.Bystander;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.SlowUpload;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, item 7: 32 uploads trickling a byte every few seconds held every upload slot of the
 * server, so everyone else's upload got 503. With the contract's guards (3 uploads at once per
 * user, an upload silent for 15 seconds dropped), one user's trickle holds 3 slots and nobody else
 * notices.
 */
class UploadSlotsAttackTest {

  private static final Guards CONTRACT = Guards.defaults();

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c ->
              c.withGuards(
                  c.guards()
                      .withUploads(
                          CONTRACT.uploadQuotaBytes(),
                          CONTRACT.uploadsAtOnce(),
                          CONTRACT.uploadIdle(),
                          CONTRACT.unusedUploadKept())));

  @Test
  void oneUserTricklingThirtyTwoUploadsHoldsThreeSlotsAndEveryoneElseIsServed() throws Exception {
    assertThat(CONTRACT.uploadsAtOnce()).isEqualTo(3);
    Bystander bystander = Bystander.watch(server);
    TestClient mallory = server.user("mallory");
    List<SlowUpload> trickles = new ArrayList<>();
    try {
      for (int i = 0; i < 32; i++)
        trickles.add(SlowUpload.start(server.port(), mallory.token(), 1_000_000));
      // a byte a second on every connection, never silent long enough to be dropped
      for (int second = 0; second < 3; second++) {
        for (SlowUpload t : trickles) t.send(new byte[] {(byte) 0x89});
        Thread.sleep(1000);
      }
      int held = 0;
      int refused = 0;
      for (SlowUpload t : trickles) {
        int status = t.status(Duration.ofMillis(50));
        if (status == 0) held++;
        if (status == 429) {
          refused++;
          assertThat(t.body()).contains("\"error\":\"too_many_uploads\"");
        }
      }

      TestClient ann = server.user("ann");
      UploadRequests.Answer a =
          UploadRequests.postRaw(
              server.httpUri("/api/uploads"), ann.token(), TestImages.png(30, 20), "image/png");
      System.out.printf(
          "trickler's uploads held open: %d, refused: %d; another user's upload: %d; bystander: %s%n",
          held, refused, a.status(), bystander.worst());
      assertThat(a.status()).as("another user's upload during the trickle").isEqualTo(201);
      assertThat(held).as("uploads of the trickler the server holds open").isEqualTo(3);
      assertThat(refused).as("uploads of the trickler refused at once").isEqualTo(29);
      bystander.assertServed();
    } finally {
      trickles.forEach(SlowUpload::close);
      bystander.close();
    }
  }
}
