package dev.parley.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Message texts that make Markdown parsers (marked 17 among them) or highlighters do super-linear
 * work, each at about the longest text the server accepts (8,000 characters). Some took marked
 * 17.0.1 seconds to minutes on the page's main thread; all must render promptly.
 */
final class PathologicalMarkdown {

  /** The server's default --max-text. */
  static final int MAX = 8000;

  private PathologicalMarkdown() {}

  /**
   * Name → text, in the order a test sends them; {@code nick} is mentioned where a shape needs one.
   */
  static Map<String, String> corpus(String nick) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("unclosed links [](", fill("[]("));
    c.put("unclosed images ![](", fill("![]("));
    c.put("unclosed links with text [a](b", fill("[a](b"));
    c.put("unclosed links, newline in label", fill("[a\n]("));
    c.put("link destinations [a](<", fill("[a](<"));
    c.put(
        "mention then unclosed links", "@" + nick + " " + fill("[](").substring(nick.length() + 2));
    c.put("mention runs", fill("@" + nick + " "));
    c.put("nested brackets [[[", fill("["));
    c.put("nested images ![[", fill("![["));
    c.put("emphasis runs *_", fill("*_"));
    c.put("emphasis words _*a", fill("_*a "));
    c.put("emphasis words *a", fill("*a "));
    c.put("strong runs **a", fill("**a"));
    c.put("mixed emphasis and brackets [*a", fill("[*a "));
    c.put("backtick runs", fill("`"));
    c.put("backtick pairs ``a", fill("``a"));
    c.put("deep blockquote >", fill(">"));
    c.put("deep list", deepList());
    c.put("long table", longTable());
    c.put(
        "wide table",
        fill("|a").substring(0, MAX / 2 - 2) + "|\n" + fill("|-").substring(0, MAX / 2 - 2) + "|");
    c.put("entity runs &#", fill("&#"));
    c.put("autolink runs www.", fill("www.a"));
    c.put("unlabelled code, quotes", "```\n" + fill("\"").substring(0, MAX - 8) + "\n```");
    c.put("unlabelled code, brackets", "```\n" + fill("{[").substring(0, MAX - 8) + "\n```");
    c.put("unlabelled code, mixed", "```\n" + mixedCode().substring(0, MAX - 8) + "\n```");
    c.put(
        "labelled code, bash heredocs",
        "```bash\n" + fill("<<EOF\n").substring(0, MAX - 12) + "\n```");
    return c;
  }

  /** {@code unit} repeated up to {@link #MAX} characters. */
  static String fill(String unit) {
    return unit.repeat(MAX / unit.length() + 1).substring(0, MAX / unit.length() * unit.length());
  }

  private static String deepList() {
    StringBuilder b = new StringBuilder();
    for (int depth = 0; b.length() < MAX - 200; depth++)
      b.append("  ".repeat(depth % 60)).append("- item\n");
    return b.toString();
  }

  private static String longTable() {
    StringBuilder b = new StringBuilder("| a | b | c |\n|---|:-:|--:|\n");
    while (b.length() < MAX - 20) b.append("| x | *y* | `z` |\n");
    return b.toString();
  }

  private static String mixedCode() {
    String alphabet = "<>{}[]()\"'`/*#$@!\\\n";
    List<Character> out = new ArrayList<>();
    for (int i = 0; i < MAX; i++) out.add(alphabet.charAt(i * 7919 % alphabet.length()));
    StringBuilder b = new StringBuilder();
    out.forEach(b::append);
    return b.toString();
  }
}
