package dev.parley;

import dev.parley.store.sql.DirectAccess;
import dev.parley.store.sql.SqlStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command on a node's database directly ({@code parley invite ...}, {@code parley user ...}): the
 * database options of {@code serve} ({@link Admin.Database}) and the two ways of opening it, in one
 * place. picocli reads a subclass's inherited options and spec as its own.
 */
abstract class DatabaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Admin.Database database = new Admin.Database();

  /** The whole store, with its writer: for steps that go through the writer (the invites). */
  SqlStore openStore() {
    return database.open();
  }

  /**
   * One plain connection ({@link DirectAccess}): for what must work while a node is running on the
   * same SQLite file (the user commands).
   */
  DirectAccess openDirect() {
    return DirectAccess.open(database.jdbcUrl());
  }
}
