package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A storm of sign-ins must slow sign-ins, not messages: the threads that hash passwords run at a
 * lower scheduling priority than the rest of the server (Linux nice, read from /proc).
 */
class PasswordWorkPriorityTest {

  @Test
  void passwordsAreHashedAtALowerPriorityThanTheEventLoops() throws Exception {
    int mine = niceOfThisThread();
    CompletableFuture<Integer> onPool = new CompletableFuture<>();
    new PasswordWork()
        .run(
            () -> {
              try {
                onPool.complete(niceOfThisThread());
              } catch (Exception e) {
                onPool.completeExceptionally(e);
              }
            },
            onPool::completeExceptionally);

    assertThat(onPool.get(10, TimeUnit.SECONDS)).isEqualTo(Math.min(19, mine + Niceness.LOWER_BY));
  }

  /** Field 19 of /proc/thread-self/stat, counted after the command name's closing parenthesis. */
  private static int niceOfThisThread() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(after[16]); // fields from 3 on: state is [0], nice (19) is [16]
  }
}
