package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import net.fellbaum.jemoji.EmojiManager;
import net.fellbaum.jemoji.Qualification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The emoji data set the web client gets: complete, right, and cached the way browsers should. */
class EmojiCatalogTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String MEDIUM = "\uD83C\uDFFD";

  private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.httpUri(path)).timeout(Duration.ofSeconds(20)).GET();
    if (headers.length > 0) request.headers(headers);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode catalog() throws Exception {
    HttpResponse<byte[]> res = get("/emoji.json");
    assertThat(res.statusCode()).isEqualTo(200);
    return Json.parse(new String(res.body(), StandardCharsets.UTF_8));
  }

  /** Every listed emoji by its character: {@code [char, name, "short codes", tones?]}. */
  private static Map<String, JsonNode> byChar(JsonNode catalog) {
    Map<String, JsonNode> all = new HashMap<>();
    for (JsonNode group : catalog.get("groups"))
      for (JsonNode e : group.get("emoji")) all.put(e.get(0).asString(), e);
    return all;
  }

  private static List<String> shortcodes(JsonNode entry) {
    return List.of(entry.get(2).asString().split(" "));
  }

  @Test
  void everyUnicodeGroupIsThereInUnicodeOrder() throws Exception {
    JsonNode catalog = catalog();
    List<String> names = new ArrayList<>();
    for (JsonNode group : catalog.get("groups")) names.add(group.get("name").asString());
    assertThat(names)
        .containsExactly(
            "Smileys & Emotion",
            "People & Body",
            "Animals & Nature",
            "Food & Drink",
            "Travel & Places",
            "Activities",
            "Objects",
            "Symbols",
            "Flags");
    JsonNode smileys = catalog.get("groups").get(0).get("emoji");
    assertThat(
            List.of(
                smileys.get(0).get(0).asString(),
                smileys.get(1).get(0).asString(),
                smileys.get(2).get(0).asString()))
        .containsExactly("😀", "😃", "😄");
    int count = 0;
    for (JsonNode group : catalog.get("groups")) count += group.get("emoji").size();
    assertThat(count).as("fully-qualified emoji without a tone").isBetween(1800, 2200);
    assertThat(byChar(catalog)).doesNotContainKeys("👍🏽", "🏻");
  }

  @Test
  void knownShortcodesNameTheRightEmoji() throws Exception {
    Map<String, JsonNode> all = byChar(catalog());
    assertThat(shortcodes(all.get("👍")))
        .contains("+1", "thumbsup")
        .allSatisfy(code -> assertThat(code).doesNotContain(":"));
    assertThat(shortcodes(all.get("😂"))).contains("joy");
    assertThat(shortcodes(all.get("❤️"))).contains("heart").doesNotContain("<3");
    assertThat(all.get("😂").get(1).asString()).isEqualTo("face with tears of joy");
    for (JsonNode e : all.values()) {
      List<String> codes = shortcodes(e);
      assertThat(codes).as("shortcodes of %s", e).doesNotHaveDuplicates();
    }
  }

  @Test
  void skinTonesAreMarkedWhereTheyApplyAndComposeToRealSequences() throws Exception {
    Map<String, JsonNode> all = byChar(catalog());
    assertThat(all.get("😀").has(3)).isFalse();
    assertThat(all.get("👍").get(3).toString()).isEqualTo("[0]");
    assertThat(all.get("🧑‍🤝‍🧑").get(3).toString()).isEqualTo("[0,2]");
    assertThat(compose("👍", all)).isEqualTo("👍" + MEDIUM);
    assertThat(compose("☝️", all)).isEqualTo("☝" + MEDIUM);
    assertThat(compose("🧑‍🤝‍🧑", all)).isEqualTo("🧑" + MEDIUM + "\u200D🤝\u200D🧑" + MEDIUM);
    assertThat(compose("🕵️‍♂️", all)).isEqualTo("🕵" + MEDIUM + "\u200D♂️");
    int toned = 0;
    for (JsonNode e : all.values()) {
      if (!e.has(3)) continue;
      toned++;
      for (String tone :
          List.of("\uD83C\uDFFB", "\uD83C\uDFFC", MEDIUM, "\uD83C\uDFFE", "\uD83C\uDFFF")) {
        String sequence =
            e.get(3).get(0).isNumber()
                ? composeWith(e, tone)
                : e.get(3).get(tonesIndex(tone)).asString();
        assertThat(EmojiManager.getEmoji(sequence))
            .as("%s with tone %s", e.get(0).asString(), tone)
            .hasValueSatisfying(
                found ->
                    assertThat(found.getQualification()).isEqualTo(Qualification.FULLY_QUALIFIED));
      }
    }
    assertThat(toned).isGreaterThan(250);
  }

  private static int tonesIndex(String tone) {
    return tone.codePointAt(0) - 0x1F3FB;
  }

  private static String compose(String base, Map<String, JsonNode> all) {
    return composeWith(all.get(base), MEDIUM);
  }

  /**
   * The client's rule, written again here: the tone after the first code point of each listed part,
   * an FE0F there dropped.
   */
  private static String composeWith(JsonNode entry, String tone) {
    String[] parts = entry.get(0).asString().split("\u200D", -1);
    for (JsonNode index : entry.get(3)) {
      String part = parts[index.asInt()];
      int first = part.offsetByCodePoints(0, 1);
      String rest = part.substring(first);
      parts[index.asInt()] =
          part.substring(0, first) + tone + (rest.startsWith("\uFE0F") ? rest.substring(1) : rest);
    }
    return String.join("\u200D", parts);
  }

  @Test
  void theStableUrlIsRevalidatedAndTheHashedOneKeptForAYear() throws Exception {
    HttpResponse<byte[]> stable = get("/emoji.json");
    assertThat(stable.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(stable.headers().firstValue("Cache-Control")).hasValue("no-cache");
    String etag = stable.headers().firstValue("ETag").orElseThrow();
    String hashed = stable.headers().firstValue("Content-Location").orElseThrow();
    assertThat(hashed).matches("/emoji/[0-9a-f]{20}\\.json");

    HttpResponse<byte[]> again = get("/emoji.json", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/emoji.json", "If-None-Match", "\"something-else\"").statusCode())
        .isEqualTo(200);

    HttpResponse<byte[]> first = get(hashed);
    HttpResponse<byte[]> second = get(hashed);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(first.body()).isEqualTo(stable.body()).isEqualTo(second.body());
    assertThat(second.headers().firstValue("Content-Location")).hasValue(hashed);
    assertThat(get("/emoji/0000000000aaaaaaaaaa.json").statusCode()).isEqualTo(404);
  }

  @Test
  void gzipWhenTheClientAcceptsIt() throws Exception {
    byte[] plain = get("/emoji.json").body();
    HttpResponse<byte[]> zipped = get("/emoji.json", "Accept-Encoding", "br, gzip;q=0.8");
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.headers().firstValue("Vary"))
        .hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("accept-encoding"));
    assertThat(zipped.body().length).isLessThan(plain.length / 2);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
    String etag = zipped.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/emoji.json", "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode())
        .isEqualTo(304);

    HttpResponse<byte[]> refused = get("/emoji.json", "Accept-Encoding", "gzip;q=0, identity");
    assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(refused.body()).isEqualTo(plain);
  }
}
