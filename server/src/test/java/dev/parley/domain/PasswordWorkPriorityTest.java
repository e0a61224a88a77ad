package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A storm of sign-ins must slow sign-ins, not messages: once hashes pile up they run at a lower
 * scheduling priority than the rest of the server (Linux nice, read from /proc). A lone sign-in on
 * a quiet pool runs at the normal priority, so a busy chat does not stretch it.
 */
class PasswordWorkPriorityTest {

  @Test
  void aLoneSignInIsHashedAtTheNormalPriority() throws Exception {
    int mine = niceOfThisThread();
    assertThat(niceOfAJob(new PasswordWork(), null).get(10, TimeUnit.SECONDS)).isEqualTo(mine);
  }

  @Test
  void whileOneIsHashingTheOthersRunAtALowerPriority() throws Exception {
    int mine = niceOfThisThread();
    PasswordWork work = new PasswordWork();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Integer> first = niceOfAJob(work, release);
    List<CompletableFuture<Integer>> rest = new ArrayList<>();
    for (int i = 0; i < 4; i++) rest.add(niceOfAJob(work, release));
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(mine);
    for (CompletableFuture<Integer> later : rest)
      assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo(Math.min(19, mine + Niceness.LOWER_BY));
  }

  /** A job that reads its thread's niceness, then waits for {@code release} (if any). */
  private static CompletableFuture<Integer> niceOfAJob(PasswordWork work, CountDownLatch release) {
    CompletableFuture<Integer> nice = new CompletableFuture<>();
    work.run(
        () -> {
          try {
            int n = niceOfThisThread();
            if (release != null) release.await(10, TimeUnit.SECONDS);
            nice.complete(n);
          } catch (Exception e) {
            nice.completeExceptionally(e);
          }
        });
    return nice;
  }

  /** Field 19 of /proc/thread-self/stat, counted after the command name's closing parenthesis. */
  private static int niceOfThisThread() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(after[16]); // fields from 3 on: state is [0], nice (19) is [16]
  }
}
