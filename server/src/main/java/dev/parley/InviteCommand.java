package dev.parley;

import dev.parley.domain.ChatException;
import dev.parley.domain.Invites;
import dev.parley.domain.Registration;
import dev.parley.store.sql.SqlStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley invite create|list|revoke}: the invites that let new people in under {@code
 * --registration invite}, made on the node's database directly (as {@code parley export} reads it),
 * so that an administrator can open a private server before anyone has an account. What it prints
 * goes to standard output (the link, to paste), messages to standard error.
 */
@Command(
    name = "invite",
    mixinStandardHelpOptions = true,
    description = "Make, list and revoke invites to this server (--registration invite).",
    subcommands = {
      InviteCommand.Create.class,
      InviteCommand.ListInvites.class,
      InviteCommand.Revoke.class
    })
final class InviteCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** How long a step on the store may take before the command gives up. */
  private static final long WAIT_SECONDS = 30;

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    try {
      return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw Registration.refusalOf(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the database did not answer in " + WAIT_SECONDS + " s");
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Make an invite and print its link.")
  static final class Create extends DatabaseCommand {
    @Option(
        names = "--uses",
        defaultValue = "1",
        description = "How many new accounts it admits, 1 to 1000. Default: ${DEFAULT-VALUE}.")
    int uses;

    @Option(
        names = "--days",
        defaultValue = "7",
        description = "How many days it admits people, 1 to 365. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(
        names = "--public-url",
        defaultValue = "${env:PARLEY_PUBLIC_URL}",
        description =
            "The address people open the server at, for the link. Env PARLEY_PUBLIC_URL."
                + " Default: http://localhost and --port.")
    String publicUrl;

    @Option(
        names = "--port",
        defaultValue = "${env:PARLEY_PORT:-3000}",
        description =
            "The server's port, for the link without --public-url. Default: ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      if (days < 1 || days > 365) {
        err.println("parley invite create: --days is 1 to 365, not " + days);
        return 2;
      }
      try (SqlStore store = openStore()) {
        String code =
            await(
                Registration.create(
                    store.invites(),
                    "cli",
                    uses,
                    TimeUnit.DAYS.toMillis(days),
                    System.currentTimeMillis()));
        String base =
            publicUrl == null || publicUrl.isBlank()
                ? "http://localhost:" + port
                : publicUrl.strip();
        spec.commandLine().getOut().println(Registration.link(base, code));
        spec.commandLine().getOut().flush();
        err.printf(
            "invite %s: admits %d new account%s for %d day%s (needs serve --registration invite)%n",
            code, uses, uses == 1 ? "" : "s", days, days == 1 ? "" : "s");
        return 0;
      } catch (ChatException e) {
        err.println("parley invite create: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the invites that still admit someone (by id: codes are stored hashed).")
  static final class ListInvites extends DatabaseCommand {
    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (SqlStore store = openStore()) {
        List<Invites.Invite> live = await(store.invites().live(System.currentTimeMillis()));
        out.printf("%-10s  %-9s  %-24s  %s%n", "ID", "USES LEFT", "EXPIRES", "MADE BY");
        for (Invites.Invite i : live) {
          out.printf(
              "%-10s  %4d/%-4d  %-24s  %s%n",
              i.id(), i.usesLeft(), i.maxUses(), Instant.ofEpochMilli(i.expires()), i.createdBy());
        }
        out.flush();
        return 0;
      }
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke an invite: give its code, or its id from parley invite list.")
  static final class Revoke extends DatabaseCommand {
    @Parameters(paramLabel = "CODE_OR_ID", description = "The invite's code or its id.")
    String codeOrId;

    @Override
    public Integer call() throws Exception {
      String hash = Registration.hashOf(codeOrId);
      try (SqlStore store = openStore()) {
        boolean gone = await(store.invites().revoke(hash != null ? hash : codeOrId.strip()));
        if (!gone) {
          spec.commandLine().getErr().println("parley invite revoke: no such invite: " + codeOrId);
          return 1;
        }
        spec.commandLine().getErr().println("revoked");
        return 0;
      }
    }
  }
}
