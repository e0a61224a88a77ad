package dev.parley.bus;

import java.util.regex.Pattern;

/**
 * How a Redis URL and a failure to reach it are shown in errors and logs. A URL may carry a
 * password ({@code redis://:password@host}, {@code redis://user:password@host}): it is shown as
 * {@code ***}, since logs travel further than the secrets in them should.
 */
final class RedisUrl {
  private static final Pattern PASSWORD =
      Pattern.compile("^(rediss?(?:-sentinel)?(?:\\+\\w+)?://[^:@/]*):[^@/]*@");

  private RedisUrl() {}

  /** The URL without its password. */
  static String shown(String url) {
    return url == null ? null : PASSWORD.matcher(url).replaceFirst("$1:***@");
  }

  /**
   * The failure and what lies under it ("Unable to connect" says little; "WRONGPASS" or "PKIX" says
   * why).
   */
  static String why(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root == e
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
