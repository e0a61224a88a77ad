package dev.parley.web;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fellbaum.jemoji.Emoji;
import net.fellbaum.jemoji.EmojiGroup;
import net.fellbaum.jemoji.EmojiManager;
import net.fellbaum.jemoji.EmojiSubGroup;
import net.fellbaum.jemoji.Emojis;
import net.fellbaum.jemoji.Fitzpatrick;
import net.fellbaum.jemoji.Qualification;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The emoji data set of the web client (the picker, {@code :shortcode:} suggestions, the login
 * avatars), made from jemoji's copy of the Unicode data instead of a hand-typed list, as one
 * compact JSON document:
 *
 * <pre>
 * {"groups":[{"name":"Smileys &amp; Emotion","sub":{"face-smiling":0,"face-affection":14, ...},
 *              "emoji":[["😀","grinning face","grinning grinning_face"], ...]}, ...]}</pre>
 *
 * <p>{@code sub} gives where each Unicode subgroup starts in the group's list.
 *
 * <p>Each emoji is {@code [char, name, shortcodes]} (shortcodes space-separated, without colons:
 * GitHub's, then Slack's, then Discord's), plus a fourth element when it takes a skin tone: either
 * the indices of the ZWJ-separated parts that get the tone modifier right after their first code
 * point ({@code [0]} for 👍, {@code [0,2]} for 🧑‍🤝‍🧑), or, where that rule would not give
 * Unicode's sequence, the five toned sequences themselves. Only fully-qualified emoji without a
 * tone are listed, in Unicode's order; the toned ones are composed by the client.
 *
 * <p>Building it loads all of jemoji (a few hundred milliseconds), so {@link EmojiEndpoint} builds
 * it on the first request, never at start-up.
 */
final class EmojiCatalog {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String ZWJ = "\u200D";
  private static final String VS16 = "\uFE0F";

  /** The modifier whose uniform-toned variant shows where an emoji takes its tone. */
  private static final String PROBE_TONE = Fitzpatrick.MEDIUM_SKIN.getUnicode();

  /** Tones 1-5 in the client's order: light to dark. */
  private static final List<String> TONES =
      List.of(
          Fitzpatrick.LIGHT_SKIN.getUnicode(),
          Fitzpatrick.MEDIUM_LIGHT_SKIN.getUnicode(),
          Fitzpatrick.MEDIUM_SKIN.getUnicode(),
          Fitzpatrick.MEDIUM_DARK_SKIN.getUnicode(),
          Fitzpatrick.DARK_SKIN.getUnicode());

  private static final Pattern SHORTCODE = Pattern.compile(":([^:\\s]+):");

  private EmojiCatalog() {}

  /** The JSON document, UTF-8. */
  static byte[] build() {
    Map<String, Integer> unicodeOrder = unicodeOrder();
    List<Emoji> listed = new ArrayList<>();
    Map<String, Set<String>> toned = new HashMap<>();
    for (Emoji e : EmojiManager.getAllEmojis()) {
      if (e.getQualification() != Qualification.FULLY_QUALIFIED
          || e.getGroup() == EmojiGroup.COMPONENT) continue;
      if (e.hasFitzpatrickComponent()) {
        toned.computeIfAbsent(untoned(e.getEmoji()), k -> new LinkedHashSet<>()).add(e.getEmoji());
      } else {
        listed.add(e);
      }
    }
    listed.sort(
        Comparator.comparing(Emoji::getGroup)
            .thenComparing(Emoji::getSubgroup)
            .thenComparing(
                e -> unicodeOrder.getOrDefault(e.getEmoji().replace(VS16, ""), Integer.MAX_VALUE))
            .thenComparing(Emoji::getEmoji));

    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeArrayPropertyStart("groups");
      int start = 0;
      while (start < listed.size()) {
        EmojiGroup group = listed.get(start).getGroup();
        int end = start;
        while (end < listed.size() && listed.get(end).getGroup() == group) end++;
        g.writeStartObject();
        g.writeStringProperty("name", group.getName());
        g.writeObjectPropertyStart("sub");
        EmojiSubGroup sub = null;
        for (int i = start; i < end; i++) {
          if (listed.get(i).getSubgroup() != sub) {
            sub = listed.get(i).getSubgroup();
            g.writeNumberProperty(sub.getName(), i - start);
          }
        }
        g.writeEndObject();
        g.writeArrayPropertyStart("emoji");
        for (int i = start; i < end; i++) {
          Emoji e = listed.get(i);
          entry(g, e, toned.getOrDefault(e.getEmoji().replace(VS16, ""), Set.of()));
        }
        g.writeEndArray();
        g.writeEndObject();
        start = end;
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void entry(JsonGenerator g, Emoji e, Set<String> toned) {
    g.writeStartArray();
    g.writeString(e.getEmoji());
    g.writeString(e.getDescription());
    g.writeString(String.join(" ", shortcodes(e)));
    Object tones = tones(e.getEmoji(), toned);
    if (tones instanceof int[] parts) {
      g.writeStartArray();
      for (int part : parts) g.writeNumber(part);
      g.writeEndArray();
    } else if (tones instanceof List<?> explicit) {
      g.writeStartArray();
      for (Object variant : explicit) g.writeString((String) variant);
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  /**
   * GitHub's, Slack's and Discord's {@code :names:}, without colons, each once; emoticons left out.
   */
  static Set<String> shortcodes(Emoji e) {
    Set<String> codes = new LinkedHashSet<>();
    for (List<String> aliases :
        List.of(e.getGithubAliases(), e.getSlackAliases(), e.getDiscordAliases())) {
      for (String alias : aliases) {
        Matcher m = SHORTCODE.matcher(alias);
        if (m.matches()) codes.add(m.group(1));
      }
    }
    return codes;
  }

  /**
   * Where {@code base} takes a skin tone, given its {@code toned} variants: the parts the client's
   * rule tones (an {@code int[]}), the five toned sequences when that rule does not give Unicode's
   * ({@code List<String>}), or null for none.
   */
  static Object tones(String base, Set<String> toned) {
    if (toned.isEmpty()) return null;
    String probe = uniform(base, toned, PROBE_TONE);
    if (probe != null) {
      String[] segments = probe.split(ZWJ, -1);
      int[] parts = new int[segments.length];
      int n = 0;
      for (int i = 0; i < segments.length; i++)
        if (segments[i].contains(PROBE_TONE)) parts[n++] = i;
      int[] found = Arrays.copyOf(parts, n);
      if (TONES.stream().allMatch(tone -> toned.contains(compose(base, found, tone)))) return found;
    }
    List<String> explicit = new ArrayList<>();
    for (String tone : TONES) {
      String variant = uniform(base, toned, tone);
      if (variant == null) return null;
      explicit.add(variant);
    }
    return explicit;
  }

  /**
   * The client's rule: the modifier right after the first code point of each listed part (an FE0F
   * there is dropped).
   */
  static String compose(String base, int[] parts, String tone) {
    String[] segments = base.split(ZWJ, -1);
    for (int part : parts) {
      if (part >= segments.length) return null;
      String s = segments[part];
      int first = s.offsetByCodePoints(0, 1);
      String rest = s.substring(first);
      if (rest.startsWith(VS16)) rest = rest.substring(1);
      segments[part] = s.substring(0, first) + tone + rest;
    }
    return String.join(ZWJ, segments);
  }

  /** The variant whose every modifier is {@code tone}. */
  private static String uniform(String base, Set<String> toned, String tone) {
    for (String v : toned) {
      String rest = v.replace(tone, "");
      if (TONES.stream().noneMatch(rest::contains)
          && rest.replace(VS16, "").equals(base.replace(VS16, ""))) return v;
    }
    return null;
  }

  /** A toned sequence without its modifiers and FE0Fs: the key its untoned emoji is found by. */
  private static String untoned(String emoji) {
    String s = emoji.replace(VS16, "");
    for (String tone : TONES) s = s.replace(tone, "");
    return s;
  }

  /**
   * The position of each emoji (by its code points without FE0F, so that every qualification of it
   * shares one) in Unicode's emoji-test order. jemoji's sets have no order, but its {@link Emojis}
   * constants are declared subgroup by subgroup in that order (interfaces in the order they are
   * extended, fields in the order they are declared, which HotSpot keeps).
   */
  private static Map<String, Integer> unicodeOrder() {
    Map<String, Integer> order = new HashMap<>();
    for (Class<?> subgroup : Emojis.class.getInterfaces()) {
      for (Field f : subgroup.getDeclaredFields()) {
        if (f.getType() != Emoji.class) continue;
        try {
          f.setAccessible(true);
          order.putIfAbsent(((Emoji) f.get(null)).getEmoji().replace(VS16, ""), order.size());
        } catch (ReflectiveOperationException | RuntimeException ex) {
          return order; // then the rest falls back to code point order within each subgroup
        }
      }
    }
    return order;
  }
}
