package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Bystander;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Seeds;
import dev.parley.testing.TestClient;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that never read cost the server a bounded amount each. The audit: with 20,040 rooms every
 * welcome was 4.9 MB, and 1,100 clients that said hello and never read took the server to 7.2 GB.
 * Now a welcome lists at most 200 public rooms whatever their number, and a client that keeps
 * asking without reading is closed once its unread replies pass a bound, which frees them.
 */
class NeverReadingClientsTest {

  private static final int PUBLIC_ROOMS = 5_000;
  private static final int SILENT_CLIENTS = 300;
  private static final int ASKERS = 4;
  private static final int ASKS_EACH = 300;
  private static final String TEXT = "z".repeat(7900);

  /**
   * What the askers' unread replies may hold at most: each is closed once its unsent replies pass
   * 16 MiB; without that bound they would hold the 280 MB they asked for.
   */
  private static final long MAX_HELD = 150L * 1024 * 1024;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          Seeds.then(
                      s -> {
                        for (int i = 0; i < PUBLIC_ROOMS; i++)
                          s.room("pub" + i, "a public room with a topic of some length", null, 0);
                      })
                  .andThen(c -> c.withRate(100_000, 100_000))
              ::apply);

  @Test
  void manyClientsThatSayHelloAndNeverReadGetASmallWelcome() throws Exception {
    long heapBefore = usedHeap();
    long directBefore = PlatformDependent.usedDirectMemory();
    Bystander bystander = Bystander.watch(server);
    List<RawWebSocket> silent = new ArrayList<>();
    try {
      for (int i = 0; i < SILENT_CLIENTS; i++) {
        RawWebSocket ws = RawWebSocket.connect(server.port(), 4096);
        ws.sendText(obj("type", "hello", "nick", ParleyServerExtension.nick("silent")).toString());
        silent.add(ws);
      }
      TestClient probe =
          server.user("probe"); // said hello after them: they have had their welcomes
      int welcomeBytes =
          dev.parley.testing.Json.write(probe.welcome())
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)
              .length;
      long heapAfter = usedHeap();
      long directAfter = PlatformDependent.usedDirectMemory();
      System.out.printf(
          "NeverReadingClientsTest: %d public rooms, welcome %d bytes; %d clients that never read: heap %+d KiB, direct %+d KiB (%d KiB each)%n",
          PUBLIC_ROOMS,
          welcomeBytes,
          SILENT_CLIENTS,
          (heapAfter - heapBefore) / 1024,
          (directAfter - directBefore) / 1024,
          (heapAfter - heapBefore + directAfter - directBefore) / 1024 / SILENT_CLIENTS);

      assertThat(probe.welcome().path("directory").size()).isEqualTo(200);
      assertThat(welcomeBytes)
          .as("bytes of a welcome with %d public rooms", PUBLIC_ROOMS)
          .isLessThan(64 * 1024);
      bystander.assertServed();
    } finally {
      for (RawWebSocket ws : silent) ws.close();
    }
  }

  @Test
  void aClientThatKeepsAskingAndNeverReadsIsClosedAndItsRepliesFreed() throws Exception {
    TestClient author = server.user("author");
    String room = ParleyServerExtension.room("big");
    author.create(room);
    // about 240 KiB in all: the room's whole log stays in its in-memory tail, so every page is
    // answered at once, as many as are asked for
    for (int i = 0; i < 29; i++) author.sayAsync(room, TEXT);
    author.say(room, TEXT);
    long before = usedMemory();
    long directBefore = PlatformDependent.usedDirectMemory();
    List<RawWebSocket> askers = new ArrayList<>();
    try {
      for (int a = 0; a < ASKERS; a++) {
        RawWebSocket ws = RawWebSocket.connect(server.port(), 4096);
        ws.sendText(obj("type", "hello", "nick", ParleyServerExtension.nick("asker")).toString());
        ws.sendText(obj("type", "join", "room", room).toString());
        askers.add(ws);
      }
      // Quiet first: a broadcast reaching an asker (a join notice, a presence) would close it as a
      // slow reader whatever the rule for replies, and this is about replies alone.
      Thread.sleep(1000);
      // each asks for about 70 MB of history pages (300 of about 240 KiB) and reads none of it
      byte[] ask =
          RawWebSocket.textFrame(obj("type", "history", "room", room, "limit", 200).toString());
      for (int i = 0; i < ASKS_EACH; i++) {
        for (RawWebSocket ws : askers) ws.sendBytes(ask);
      }
      // The replies are made and queued (the native transport copies each into direct memory);
      // watch the direct memory while it happens.
      long peakDirect = directBefore;
      for (int i = 0; i < 80; i++) {
        Thread.sleep(50);
        peakDirect = Math.max(peakDirect, PlatformDependent.usedDirectMemory());
      }
      long after = usedMemory();
      System.out.printf(
          "NeverReadingClientsTest: %d clients asked for %d history pages each without reading: direct memory peaked %+d MiB; "
              + "heap and direct (the allocator keeps what it once took) %+d MiB after%n",
          ASKERS,
          ASKS_EACH,
          (peakDirect - directBefore) / (1024 * 1024),
          (after - before) / (1024 * 1024));

      assertThat(peakDirect - directBefore)
          .as("direct memory the askers' unread replies took at most")
          .isLessThan(MAX_HELD);
      for (RawWebSocket ws : askers)
        assertThat(ws.isClosedByServer(5000)).as("the server ended an asker").isTrue();
    } finally {
      for (RawWebSocket ws : askers) ws.close();
    }
  }

  /**
   * Heap in use after a full collection, plus Netty's direct memory (where sockets' unsent bytes
   * wait: the native transport copies every outgoing buffer into direct memory).
   */
  private static long usedMemory() throws InterruptedException {
    return usedHeap() + Math.max(0, PlatformDependent.usedDirectMemory());
  }

  /** Heap in use after a full collection (as well as the JVM lets a test ask for one). */
  private static long usedHeap() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return best;
  }
}
