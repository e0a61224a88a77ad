package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every commit since the rule was made has a message a maintainer can use: a subject of at most
 * {@value #MAX_SUBJECT} characters, a blank line, then a body (why, what, what was measured). A
 * merge needs only the short subject: its body is the branch's commits.
 *
 * <p>Checked over {@code git log CUTOFF..HEAD}, so it needs the repository's history (CI clones it
 * whole). Without git or outside a checkout (a source archive) there is nothing to check: the test
 * says so on stderr and is reported as skipped, never as passed. A checkout whose history stops
 * short of the cutoff (a shallow clone) fails with what to do.
 */
class CommitMessagesTest {
  static final int MAX_SUBJECT = 72;

  /** main's head when the rule was made; older commits were written before it. */
  static final String CUTOFF = "0683c4761258bd8ba1eac7fe2c3cca330b7ad92a";

  private static final Path PROJECT = FileSizesTest.serverModule().getParent();

  @Test
  void subjectsAreShortAndFollowedByABody() throws Exception {
    Git git = Git.at(PROJECT);
    Assumptions.assumeTrue(git != null, "no git history to check here (no git, or not a checkout)");
    assertThat(git.succeeds("cat-file", "-e", CUTOFF + "^{commit}"))
        .as(
            "the cutoff commit %s is in the history (a shallow clone? run: git fetch --unshallow)",
            CUTOFF)
        .isTrue();
    // one record per commit: hash, parents, raw message; separated by bytes no message holds
    String log = git.run("log", "--format=%H%x1f%P%x1f%B%x1e", CUTOFF + "..HEAD");
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (String record : log.split("\u001e")) {
      if (record.isBlank()) continue;
      String[] f = record.strip().split("\u001f", 3);
      String hash = f[0].substring(0, 10);
      boolean merge = f[1].strip().contains(" ");
      String problem = problem(f.length > 2 ? f[2] : "", merge);
      if (problem != null) wrong.add(hash + " " + problem);
      checked++;
    }
    System.out.printf(
        "CommitMessagesTest: %d commits after %s checked%n", checked, CUTOFF.substring(0, 7));
    assertThat(wrong)
        .as(
            "commits whose message breaks the rule (fix with git commit --amend or rebase -i before merging)")
        .isEmpty();
  }

  /** What is wrong with one commit message, or null. */
  static String problem(String message, boolean merge) {
    String[] lines = message.strip().split("\n", -1);
    String subject = lines[0].strip();
    if (subject.isEmpty()) return "has no subject";
    int length = subject.codePointCount(0, subject.length());
    if (length > MAX_SUBJECT)
      return "subject of " + length + " characters (at most " + MAX_SUBJECT + "): " + subject;
    if (merge) return null;
    if (lines.length < 3 || !lines[1].isBlank())
      return "needs a blank line after the subject, then a body: " + subject;
    for (int i = 2; i < lines.length; i++) {
      if (!lines[i].isBlank()) return null;
    }
    return "has no body (why, what, what was measured): " + subject;
  }

  @Test
  void theRuleItself() {
    assertThat(problem("Short subject\n\nWhy and what.\n", false)).isNull();
    assertThat(problem("Merge issue 15: code health", true)).isNull();
    assertThat(problem("x".repeat(72) + "\n\nbody", false)).isNull();
    assertThat(problem("x".repeat(73) + "\n\nbody", false)).startsWith("subject of 73 characters");
    assertThat(problem("é".repeat(72) + "\n\nbody", false)).as("characters, not bytes").isNull();
    assertThat(problem("x".repeat(73), true))
        .as("a merge's subject too")
        .startsWith("subject of 73");
    assertThat(problem("Subject only\n", false)).startsWith("needs a blank line");
    assertThat(problem("Subject\nbody glued to it\n", false)).startsWith("needs a blank line");
    assertThat(problem("Subject\n\n   \n", false)).startsWith("needs a blank line");
  }

  /**
   * The git command line in one folder; null from {@link #at} when there is no git or no checkout.
   */
  private record Git(Path dir) {
    static Git at(Path dir) throws InterruptedException {
      Git git = new Git(dir);
      String why;
      try {
        if (git.succeeds("rev-parse", "--is-inside-work-tree")) return git;
        why = "not a git checkout";
      } catch (IOException e) {
        why = "git cannot be run: " + e.getMessage();
      }
      System.err.println("CommitMessagesTest: COMMIT MESSAGES NOT CHECKED: " + dir + ": " + why);
      return null;
    }

    boolean succeeds(String... args) throws IOException, InterruptedException {
      return exec(args).exit() == 0;
    }

    String run(String... args) throws IOException, InterruptedException {
      Result r = exec(args);
      if (r.exit() != 0)
        throw new AssertionError("git " + String.join(" ", args) + " exited " + r.exit());
      return r.out();
    }

    private record Result(int exit, String out) {}

    private Result exec(String... args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
      command.addAll(List.of(args));
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out =
          new String(
              p.getInputStream().readAllBytes(),
              StandardCharsets.UTF_8); // to the end: git has exited
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("git " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Result(p.exitValue(), out);
    }
  }
}
