package dev.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readings from /proc: CPU time and resident memory of a process, machine-wide CPU. */
final class Proc {
  private Proc() {}

  static final double TICK = 0.01; // USER_HZ is 100 on Linux x86-64

  /** utime + stime of a process in seconds, or NaN if unreadable. */
  static double cpuSeconds(long pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      // fields after "(comm) ": state=0 ... utime=11 stime=12
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** {utime, stime} of a process in seconds, or NaNs. */
  static double[] cpuSplit(long pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return new double[] {Long.parseLong(f[11]) * TICK, Long.parseLong(f[12]) * TICK};
    } catch (IOException | RuntimeException e) {
      return new double[] {Double.NaN, Double.NaN};
    }
  }

  /** This process's CPU time in seconds (nanosecond resolution). */
  static double selfCpuSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun)
      return sun.getProcessCpuTime() / 1e9;
    return cpuSeconds(ProcessHandle.current().pid());
  }

  /** VmRSS of a process in bytes, or -1. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return -1;
  }

  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  /**
   * Live heap of a JVM: runs a full GC in it ({@code jcmd <pid> GC.run}), then reads the used heap
   * ({@code GC.heap_info}). -1 if the process is not a JVM or jcmd fails.
   */
  static long liveHeapBytes(long pid) {
    try {
      String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
      if (!cmdline.contains("java")) return -1;
      if (jcmd(pid, "GC.run") == null) return -1;
      String info = jcmd(pid, "GC.heap_info");
      if (info == null) return -1;
      Matcher m = HEAP_USED.matcher(info);
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String jcmd(long pid, String command) {
    try {
      Process p =
          new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Machine-wide busy and total jiffies from /proc/stat: {busy, total}. */
  static long[] machine() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long total = 0, idle = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i == 4 || i == 5) idle += v; // idle, iowait
      }
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  /** The pid of the process listening on a TCP port (via ss), or -1. */
  static long pidListeningOn(int port) {
    try {
      Process p =
          new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      Matcher m = PID.matcher(out);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  static int openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) return Integer.parseInt(line.split("\\s+")[3]);
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return -1;
  }

  /** Samples server CPU, client CPU and machine CPU at two points. */
  static final class CpuWindow {
    final long[] pids;
    double s0, c0, s1, c1;
    double[] split0, split1, self0, self1;
    long[] m0, m1;
    long t0, t1;

    /** The server's processes: one, or every node of a cluster (their CPU is added up). */
    CpuWindow(long... pids) {
      this.pids = pids;
    }

    void start() {
      t0 = System.nanoTime();
      s0 = serverCpu();
      c0 = selfCpuSeconds();
      m0 = machine();
      split0 = serverSplit();
      self0 = cpuSplit(ProcessHandle.current().pid());
    }

    void stop() {
      t1 = System.nanoTime();
      s1 = serverCpu();
      c1 = selfCpuSeconds();
      m1 = machine();
      split1 = serverSplit();
      self1 = cpuSplit(ProcessHandle.current().pid());
    }

    private double serverCpu() {
      double sum = 0;
      for (long pid : pids) sum += pid > 0 ? cpuSeconds(pid) : Double.NaN;
      return sum;
    }

    private double[] serverSplit() {
      double[] sum = new double[2];
      for (long pid : pids) {
        double[] one = cpuSplit(pid);
        sum[0] += one[0];
        sum[1] += one[1];
      }
      return sum;
    }

    /** Fraction of the server's CPU time spent in the kernel (stime / (utime + stime)). */
    double serverSysShare() {
      return share(split0, split1);
    }

    double clientSysShare() {
      return share(self0, self1);
    }

    private static double share(double[] a, double[] b) {
      double u = b[0] - a[0], k = b[1] - a[1];
      return u + k <= 0 ? Double.NaN : k / (u + k);
    }

    double seconds() {
      return (t1 - t0) / 1e9;
    }

    double server() {
      return s1 - s0;
    }

    double client() {
      return c1 - c0;
    }

    /** Machine busy fraction over all CPUs, 0..1. */
    double machineBusy() {
      long dt = m1[1] - m0[1];
      return dt <= 0 ? Double.NaN : (double) (m1[0] - m0[0]) / dt;
    }
  }
}
