package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bench's frame scanning: a batch's frames are found whole, whatever their strings hold. */
class ScanTest {

  @Test
  void eachFrameOfABatchIsFoundWholeThoughItsTextHoldsBracesAndQuotes() {
    String first =
        "{\"type\":\"notice\",\"room\":\"r1\",\"seq\":4,\"user\":{\"nick\":\"a}\\\"{\"}}";
    String second = "{\"type\":\"presence\",\"user\":{\"id\":\"u1\"},\"status\":\"online\"}";
    byte[] a =
        ("{\"type\":\"batch\",\"frames\":[" + first + "," + second + "]}")
            .getBytes(StandardCharsets.UTF_8);
    int at = new String(a, StandardCharsets.UTF_8).indexOf("[") + 1;
    int end = Scan.objectEnd(a, at, a.length);
    assertThat(new String(a, at, end - at, StandardCharsets.UTF_8)).isEqualTo(first);
    int next = end + 1;
    int end2 = Scan.objectEnd(a, next, a.length);
    assertThat(new String(a, next, end2 - next, StandardCharsets.UTF_8)).isEqualTo(second);
  }
}
