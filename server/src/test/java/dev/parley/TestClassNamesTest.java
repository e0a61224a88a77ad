package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two test sources share a class name, whatever their package: a report, a CI log or {@code
 * -Dtest=Name} names a test by its simple name, and "DirectMessageTest failed" must say which one.
 * Browser tests are named for what the user sees, or end in {@code InBrowserTest} when the
 * behaviour also has a socket test.
 */
class TestClassNamesTest {

  @Test
  void everyTestSourceHasANameOfItsOwn() throws IOException {
    Path project = FileSizesTest.serverModule().getParent();
    Map<String, List<String>> byName = new TreeMap<>();
    for (Path dir :
        List.of(project.resolve("server/src/test/java"), project.resolve("bench/src/test/java"))) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> p.toString().endsWith(".java"))
            .forEach(
                p ->
                    byName
                        .computeIfAbsent(
                            p.getFileName().toString(), k -> new java.util.ArrayList<>())
                        .add(project.relativize(p).toString()));
      }
    }
    assertThat(byName).as("test sources").hasSizeGreaterThan(100);
    Map<String, List<String>> shared =
        byName.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    assertThat(shared).as("test sources sharing a name").isEmpty();
  }
}
