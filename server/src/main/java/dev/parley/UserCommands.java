package dev.parley;

import static dev.parley.Parley.Serve.blankToNull;

import dev.parley.domain.Change;
import dev.parley.domain.Names;
import dev.parley.domain.SignInCodes;
import dev.parley.domain.Snapshot;
import dev.parley.store.sql.DirectAccess;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley user list|ban|unban|reset}: what an administrator does from the admin screen, from
 * the command line, on the database directly (the same options as {@code serve}), so it works
 * whether the server runs or not. A running node reads the bans table every two seconds, so a ban
 * made here closes the user's connections within about that; a sign-in code made here is in the
 * database, where every node looks a code up.
 */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "List, ban, unban users, or make a one-time sign-in link for one.",
    subcommands = {
      UserCommands.ListUsers.class,
      UserCommands.Ban.class,
      UserCommands.Unban.class,
      UserCommands.Reset.class
    })
final class UserCommands implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A user named on the command line: their nick (compared as nicks are) or their id. */
  abstract static class OnOneUser extends DatabaseCommand {
    @Parameters(paramLabel = "NICK", description = "The user's nick (or id).")
    String who;

    @Override
    public Integer call() {
      try (DirectAccess store = openDirect()) {
        List<Snapshot.UserRow> found = find(store.users(), who);
        if (found.size() != 1) {
          PrintWriter err = spec.commandLine().getErr();
          if (found.isEmpty()) err.println("parley user: nobody is called " + who);
          else {
            err.println("parley user: several users are called " + who + "; name one by id:");
            for (Snapshot.UserRow u : found) err.println("  " + u.id() + "  " + u.nick());
          }
          err.flush();
          return 1;
        }
        Map<String, Snapshot.BanRow> bans = bans(store);
        return act(store, found.get(0), bans.get(found.get(0).id()), spec.commandLine().getOut());
      }
    }

    abstract int act(
        DirectAccess store, Snapshot.UserRow user, Snapshot.BanRow ban, PrintWriter out);
  }

  static List<Snapshot.UserRow> find(List<Snapshot.UserRow> users, String who) {
    for (Snapshot.UserRow u : users) if (u.id().equals(who)) return List.of(u);
    String key = Names.nickKey(who.strip());
    return users.stream().filter(u -> Names.nickKey(u.nick()).equals(key)).toList();
  }

  static Map<String, Snapshot.BanRow> bans(DirectAccess store) {
    return store.bans().stream()
        .collect(Collectors.toMap(Snapshot.BanRow::userId, Function.identity()));
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Every user by nick: id, when last seen, banned or not.")
  static final class ListUsers extends DatabaseCommand {
    @Parameters(
        arity = "0..1",
        paramLabel = "FILTER",
        description = "Only nicks that contain this (any case).")
    String filter;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (DirectAccess store = openDirect()) {
        Map<String, Snapshot.BanRow> bans = bans(store);
        List<Snapshot.UserRow> users = new ArrayList<>(store.users());
        String needle = filter == null ? null : filter.toLowerCase(Locale.ROOT);
        users.removeIf(u -> needle != null && !u.nick().toLowerCase(Locale.ROOT).contains(needle));
        users.sort(Comparator.comparing((Snapshot.UserRow u) -> u.nick().toLowerCase(Locale.ROOT)));
        int width = Math.max(4, users.stream().mapToInt(u -> u.nick().length()).max().orElse(4));
        out.printf("%-" + width + "s  %-16s  %-20s  %s%n", "NICK", "ID", "LAST SEEN", "BANNED");
        for (Snapshot.UserRow u : users) {
          Snapshot.BanRow ban = bans.get(u.id());
          String banned =
              ban == null ? "-" : "yes" + (ban.reason() == null ? "" : " (" + ban.reason() + ")");
          out.printf(
              "%-" + width + "s  %-16s  %-20s  %s%n",
              u.nick(),
              u.id(),
              WHEN.format(Instant.ofEpochMilli(u.lastSeen())),
              banned);
        }
        out.printf("%d users%n", users.size());
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "ban",
      mixinStandardHelpOptions = true,
      description =
          "Ban a user from the whole server: their connections close (a running server notices within"
              + " a few seconds) and they cannot sign in; their nick stays theirs.")
  static final class Ban extends OnOneUser {
    @Option(names = "--reason", description = "Why; the banned user is shown it.")
    String reason;

    @Override
    int act(DirectAccess store, Snapshot.UserRow user, Snapshot.BanRow ban, PrintWriter out) {
      String why = blankToNull(reason);
      store.write(new Change.Banned(user.id(), why, "cli", System.currentTimeMillis()));
      out.println("Banned " + user.nick() + " (" + user.id() + ").");
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "unban",
      mixinStandardHelpOptions = true,
      description = "Lift a user's server-wide ban.")
  static final class Unban extends OnOneUser {
    @Override
    int act(DirectAccess store, Snapshot.UserRow user, Snapshot.BanRow ban, PrintWriter out) {
      if (ban == null) {
        out.println(user.nick() + " is not banned.");
      } else {
        store.write(new Change.Unbanned(user.id()));
        out.println("Unbanned " + user.nick() + " (" + user.id() + ").");
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "reset",
      mixinStandardHelpOptions = true,
      description =
          "Print a one-time sign-in link (valid 24 hours) for a user who lost their password, and clear"
              + " the password: the link signs them in on a new device, where they set a new one.")
  static final class Reset extends OnOneUser {
    @Option(
        names = "--url",
        defaultValue = "${env:PARLEY_URL:-http://localhost:3000}",
        description =
            "The address people open Parley at, for the link. Env PARLEY_URL. Default: ${DEFAULT-VALUE}.")
    String url;

    @Override
    int act(DirectAccess store, Snapshot.UserRow user, Snapshot.BanRow ban, PrintWriter out) {
      if (ban != null) {
        spec.commandLine()
            .getErr()
            .println("parley user: " + user.nick() + " is banned; unban first.");
        spec.commandLine().getErr().flush();
        return 1;
      }
      String code = SignInCodes.newCode();
      long now = System.currentTimeMillis();
      long expires = now + SignInCodes.ADMIN_MILLIS;
      store.write(new Change.LinkMade(SignInCodes.hash(code), user.id(), now, expires));
      // they lost their password: cleared, so that they set a new one without the old (a running
      // node keeps the one it loaded until it restarts: there, use the admin screen's link)
      store.write(new Change.PasswordSet(user.id(), null));
      String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      out.println(base + "/#signin=" + code);
      out.println(
          "One use, valid until "
              + WHEN.format(Instant.ofEpochMilli(expires))
              + ": it signs in as "
              + user.nick()
              + " on a new device.");
      out.flush();
      return 0;
    }
  }
}
