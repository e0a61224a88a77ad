package dev.parley.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Parley node in a child JVM, started through the command line ({@code parley serve}) with the
 * test classpath, so that a test can kill it the hard way ({@code SIGKILL}) and look at what
 * survived. Ready when it prints {@code Parley listening on http://host:PORT}.
 */
public final class ParleyProcess implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("Parley listening on http://[^:/\\s]+:(\\d+)");

  private final Process process;
  private final int port;
  private final ConcurrentLinkedQueue<String> output;

  private ParleyProcess(Process process, int port, ConcurrentLinkedQueue<String> output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /**
   * Starts {@code parley serve --port 0 --data-dir dataDir} plus {@code extraArgs}; waits until it
   * listens.
   */
  public static ParleyProcess start(Path dataDir, String... extraArgs) throws IOException {
    return start(List.of(), dataDir, extraArgs);
  }

  /** The same, with options for the child JVM (system properties such as a trust store). */
  public static ParleyProcess start(List<String> jvmOptions, Path dataDir, String... extraArgs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.parley.Parley");
    command.add("serve");
    command.add("--host");
    command.add("127.0.0.1");
    command.add("--port");
    command.add("0");
    command.add("--data-dir");
    command.add(dataDir.toString());
    // a test never fetches a page off this machine; a later --link-previews in extraArgs wins
    command.add("--link-previews");
    command.add("off");
    command.addAll(List.of(extraArgs));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();

    ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  output.add(line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
              } catch (IOException e) {
                // the process went away; the port future below tells the test
              }
              port.completeExceptionally(
                  new IllegalStateException("parley exited before listening"));
            },
            "parley-process-output");
    reader.setDaemon(true);
    reader.start();

    try {
      return new ParleyProcess(process, port.get(60, TimeUnit.SECONDS), output);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "parley did not start; its output:\n" + String.join("\n", output), e);
    }
  }

  /**
   * A node of {@code cluster} in a child JVM: {@code --db}, {@code --redis} and {@code
   * --cluster-channel} as the cluster's in-JVM nodes have them, plus {@code extraArgs}.
   */
  public static ParleyProcess clusterNode(ParleyCluster cluster, Path dataDir, String... extraArgs)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--db",
                cluster.jdbcUrl(),
                "--redis",
                cluster.redis(),
                "--cluster-channel",
                cluster.channel()));
    args.addAll(List.of(extraArgs));
    return start(dataDir, args.toArray(String[]::new));
  }

  public int port() {
    return port;
  }

  public URI wsUri() {
    return URI.create("ws://127.0.0.1:" + port + "/ws");
  }

  /** What the process printed so far (stdout and stderr). */
  public String output() {
    return String.join("\n", output);
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. Returns once the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("parley survived SIGKILL for 30 s");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
