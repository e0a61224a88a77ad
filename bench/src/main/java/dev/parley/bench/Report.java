package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** JSON output (hand-written, no dependency), the one-screen summary, and the SVG plot. */
final class Report {
  private Report() {}

  static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      for (String k : new String[] {"p50", "p90", "p99", "p999", "max", "mean"})
        m.put(k, Double.NaN);
      return m;
    }
    m.put("p50", h.getValueAtPercentile(50) / 1000.0);
    m.put("p90", h.getValueAtPercentile(90) / 1000.0);
    m.put("p99", h.getValueAtPercentile(99) / 1000.0);
    m.put("p999", h.getValueAtPercentile(99.9) / 1000.0);
    m.put("max", h.getMaxValue() / 1000.0);
    m.put("mean", h.getMean() / 1000.0);
    return m;
  }

  static String json(Object o) {
    StringBuilder sb = new StringBuilder();
    json(sb, o, 0);
    return sb.append('\n').toString();
  }

  private static void json(StringBuilder sb, Object o, int ind) {
    if (o == null) sb.append("null");
    else if (o instanceof Map<?, ?> m) {
      sb.append("{");
      boolean first = true;
      for (var e : m.entrySet()) {
        sb.append(first ? "\n" : ",\n").append("  ".repeat(ind + 1));
        first = false;
        str(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        json(sb, e.getValue(), ind + 1);
      }
      if (!first) sb.append('\n').append("  ".repeat(ind));
      sb.append('}');
    } else if (o instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "\n" : ",\n").append("  ".repeat(ind + 1));
        json(sb, l.get(i), ind + 1);
      }
      if (!l.isEmpty()) sb.append('\n').append("  ".repeat(ind));
      sb.append(']');
    } else if (o instanceof Double d) {
      sb.append(d.isNaN() || d.isInfinite() ? "null" : fmt(d));
    } else if (o instanceof Float f) {
      json(sb, f.doubleValue(), ind);
    } else if (o instanceof Number || o instanceof Boolean) sb.append(o);
    else str(sb, o.toString());
  }

  private static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    return String.format(Locale.ROOT, "%.4g", d)
        .replaceAll("(\\.\\d*?)0+$", "$1")
        .replaceAll("\\.$", "");
  }

  private static void str(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  static void write(Path p, Object o) throws IOException {
    if (p.getParent() != null) Files.createDirectories(p.getParent());
    Files.writeString(p, json(o));
  }

  static String f(double d) {
    if (Double.isNaN(d)) return "-";
    if (d == 0) return "0";
    double a = Math.abs(d);
    if (a >= 1e6) return String.format(Locale.ROOT, "%.2fM", d / 1e6);
    if (a >= 1e4) return String.format(Locale.ROOT, "%.0fk", d / 1e3);
    if (a >= 100) return String.format(Locale.ROOT, "%.0f", d);
    if (a >= 10) return String.format(Locale.ROOT, "%.1f", d);
    return String.format(Locale.ROOT, "%.2f", d);
  }

  static double num(Map<String, Object> m, String... path) {
    Object o = m;
    for (String k : path) {
      if (!(o instanceof Map<?, ?> mm)) return Double.NaN;
      o = mm.get(k);
    }
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** One line per fan-out step. */
  static String stepLine(String target, Map<String, Object> s) {
    return String.format(
        Locale.ROOT,
        "%-9s offered %7s/s got %7s/s  p50 %6s p99 %6s p99.9 %6s max %6s ms  lost %s gaps %s err %s  server %s cores (%s CPU-s/M, %s%% kernel)  client %s cores (%s%% kernel)  others %s cores",
        target,
        f(num(s, "offered_deliveries_per_s")),
        f(num(s, "achieved_deliveries_per_s")),
        f(num(s, "latency_ms", "p50")),
        f(num(s, "latency_ms", "p99")),
        f(num(s, "latency_ms", "p999")),
        f(num(s, "latency_ms", "max")),
        (long) num(s, "lost"),
        (long) (num(s, "seq_gaps") + num(s, "seq_dups")),
        (long) num(s, "errors"),
        f(num(s, "server_cores")),
        f(num(s, "server_cpu_s_per_million")),
        f(100 * num(s, "server_kernel_share")),
        f(num(s, "client_cores")),
        f(100 * num(s, "client_kernel_share")),
        f(num(s, "other_cores")));
  }

  /**
   * A self-contained SVG: latency percentiles (log scale) against offered deliveries/s, one colour
   * per target, one dash pattern per percentile, and the 50 ms line.
   */
  static String svg(Map<String, List<Map<String, Object>>> series, double limitMs) {
    return svg(
        series,
        limitMs,
        "Fan-out latency vs offered rate (1 machine, client and server share 2 cores)",
        "offered deliveries per second");
  }

  /**
   * The capacity ramp's plot: delivery latency against people, from each step's {@code people} and
   * {@code delivery_ms}.
   */
  static String capacitySvg(Map<String, List<Map<String, Object>>> runs, double limitMs) {
    Map<String, List<Map<String, Object>>> series = new java.util.LinkedHashMap<>();
    for (var e : runs.entrySet()) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (var s : e.getValue())
        points.add(
            Map.of(
                "offered_deliveries_per_s", s.get("people"), "latency_ms", s.get("delivery_ms")));
      series.put(e.getKey(), points);
    }
    return svg(
        series,
        limitMs,
        "Capacity: delivery latency vs people (server on 1 core, client on the other)",
        "people (simulated, one connection each)");
  }

  static String svg(
      Map<String, List<Map<String, Object>>> series, double limitMs, String title, String xLabel) {
    // the legend's column is as wide as its longest label ("<series> p99.9", about 7 px a letter)
    int longest = series.keySet().stream().mapToInt(String::length).max().orElse(0) + 6;
    int mr = Math.max(170, 60 + 7 * longest);
    int w = 590 + mr, h = 440, ml = 70, mt = 40, mb = 55;
    double xmax = 0, ymin = 0.1, ymax = 1000;
    double ytop = 0;
    for (var l : series.values())
      for (var s : l) {
        xmax = Math.max(xmax, num(s, "offered_deliveries_per_s"));
        double m = num(s, "latency_ms", "p999");
        if (!Double.isNaN(m)) ytop = Math.max(ytop, m);
      }
    while (ymax < ytop && ymax < 1e6) ymax *= 10;
    final double yhi = ymax;
    final double xm = niceCeil(xmax * 1.05);
    xmax = xm;
    double lymin = Math.log10(ymin), lymax = Math.log10(yhi);
    double pw = w - ml - mr, ph = h - mt - mb;
    java.util.function.DoubleUnaryOperator X = x -> ml + pw * x / xm;
    java.util.function.DoubleUnaryOperator Y =
        y ->
            mt
                + ph
                    * (1
                        - (Math.log10(Math.max(ymin, Math.min(yhi, y))) - lymin) / (lymax - lymin));
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
            w,
            h,
            w,
            h));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append(
        String.format(
            Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>\n", ml, esc(title)));
    for (double y = ymin; y <= yhi * 1.001; y *= 10) {
      double py = Y.applyAsDouble(y);
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>",
              ml,
              ml + pw,
              py,
              py));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
              ml - 6,
              py + 4,
              y < 1 ? String.valueOf(y) : String.valueOf((long) y)));
    }
    for (int i = 0; i <= 5; i++) {
      double x = xmax * i / 5, px = X.applyAsDouble(x);
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
              px,
              px,
              mt,
              mt + ph));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
              px,
              mt + ph + 16,
              f(x)));
    }
    double ly = Y.applyAsDouble(limitMs);
    sb.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c00\" stroke-dasharray=\"2,3\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"#c00\" text-anchor=\"end\">%s ms</text>\n",
            ml,
            ml + pw,
            ly,
            ly,
            ml + pw - 4,
            ly - 4,
            f(limitMs)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#444\"/>\n",
            ml,
            mt,
            pw,
            ph));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
            ml + pw / 2,
            h - 12,
            esc(xLabel)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">latency, ms (log)</text>\n",
            mt + ph / 2));
    String[] colours = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#d62728", "#8c564b"};
    String[][] pcts = {{"p50", ""}, {"p99", "6,3"}, {"p999", "2,2"}};
    int ci = 0, legendY = mt + 10;
    for (var e : series.entrySet()) {
      String col = colours[ci++ % colours.length];
      for (String[] pc : pcts) {
        List<String> pts = new ArrayList<>();
        for (var s : e.getValue()) {
          double y = num(s, "latency_ms", pc[0]);
          if (Double.isNaN(y)) continue;
          pts.add(
              String.format(
                  Locale.ROOT,
                  "%.1f,%.1f",
                  X.applyAsDouble(num(s, "offered_deliveries_per_s")),
                  Y.applyAsDouble(y)));
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>\n",
                col,
                pc[1].isEmpty() ? "" : " stroke-dasharray=\"" + pc[1] + "\"",
                String.join(" ", pts)));
        for (String pt : pts) {
          String[] xy = pt.split(",");
          sb.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>",
                  xy[0],
                  xy[1],
                  col));
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\">%s %s</text>\n",
                w - mr + 12,
                w - mr + 42,
                legendY,
                legendY,
                col,
                pc[1].isEmpty() ? "" : " stroke-dasharray=\"" + pc[1] + "\"",
                w - mr + 48,
                legendY + 4,
                esc(e.getKey()),
                pc[0].equals("p999") ? "p99.9" : pc[0]));
        legendY += 18;
      }
      legendY += 8;
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;");
  }

  private static double niceCeil(double x) {
    if (x <= 0) return 1;
    double m = Math.pow(10, Math.floor(Math.log10(x)));
    for (double k : new double[] {1, 2, 2.5, 5, 10}) if (k * m >= x) return k * m;
    return 10 * m;
  }
}
