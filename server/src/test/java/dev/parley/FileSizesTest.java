package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Files stay small enough to read in one sitting: a file that keeps growing is doing more than one
 * job (CONTRIBUTING, "Keep files small"). A failure lists every file over its limit, largest first,
 * so the one to split is named.
 */
class FileSizesTest {
  static final int MAX_JAVA_LINES = 450;
  static final int MAX_BROWSER_MODULE_LINES = 350;

  private record Sized(Path path, long lines) {
    @Override
    public String toString() {
      return PROJECT.relativize(path) + ": " + lines + " lines";
    }
  }

  private static final Path PROJECT = serverModule().getParent();

  /** The server module's folder: Maven runs tests there; an IDE may run them from the project's. */
  static Path serverModule() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p : List.of(here, here.resolve("server"))) {
      if (Files.isDirectory(p.resolve("src/main/java/dev/parley"))) return p;
    }
    throw new AssertionError("cannot find the server module's sources from " + here);
  }

  @Test
  void noMainJavaFileIsOver450Lines() throws IOException {
    List<Sized> files = new ArrayList<>(sizes(PROJECT.resolve("server/src/main/java"), ".java"));
    files.addAll(sizes(PROJECT.resolve("bench/src/main/java"), ".java"));
    assertThat(over(files, MAX_JAVA_LINES))
        .as("main Java files over %d lines (split them by job)", MAX_JAVA_LINES)
        .isEmpty();
  }

  @Test
  void noBrowserModuleIsOver350Lines() throws IOException {
    List<Sized> files = sizes(PROJECT.resolve("server/src/main/resources/web"), ".js");
    assertThat(over(files, MAX_BROWSER_MODULE_LINES))
        .as("browser modules over %d lines (split them by concern)", MAX_BROWSER_MODULE_LINES)
        .isEmpty();
  }

  private static List<String> over(List<Sized> files, int max) {
    return files.stream()
        .filter(s -> s.lines() > max)
        .sorted(Comparator.comparingLong(Sized::lines).reversed())
        .map(Sized::toString)
        .toList();
  }

  /**
   * Every file under {@code dir} whose name ends in {@code suffix}, with its line count; fails if
   * there are none.
   */
  private static List<Sized> sizes(Path dir, String suffix) throws IOException {
    List<Sized> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f :
          walk.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).toList()) {
        try (Stream<String> lines = Files.lines(f)) {
          found.add(new Sized(f, lines.count()));
        }
      }
    }
    assertThat(found).as("%s files under %s", suffix, dir).isNotEmpty();
    return found;
  }
}
