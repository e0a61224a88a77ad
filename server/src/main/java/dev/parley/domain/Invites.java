package dev.parley.domain;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The invites that admit new users under {@code --registration invite}, kept by the store so that
 * every node of a cluster and the command line ({@code parley invite}) see the same ones. A code is
 * stored only as its hash. Why its uses are counted by the store and not by a node: two nodes given
 * the same one-use code at once must admit exactly one person, so a use is one conditional update
 * ({@code uses_left > 0}) that the database orders.
 */
public interface Invites {

  /**
   * One invite as stored: who made it (a user id, or {@code cli}), when, until when it admits, how
   * many more people it admits, and the room it brings them into (null: an invite to the server
   * only).
   */
  record Invite(
      String codeHash,
      String createdBy,
      long created,
      long expires,
      int maxUses,
      int usesLeft,
      String room) {

    /** An invite to the server only. */
    public Invite(
        String codeHash, String createdBy, long created, long expires, int maxUses, int usesLeft) {
      this(codeHash, createdBy, created, expires, maxUses, usesLeft, null);
    }

    /** A short name for it that does not reveal the code: the start of its hash. */
    public String id() {
      return codeHash.substring(0, ID_LENGTH);
    }
  }

  /** How many hex digits of a code's hash name its invite in lists ({@link Invite#id}). */
  int ID_LENGTH = 10;

  /**
   * Stores a new invite unless {@code maxLive} invites that still admit someone exist at {@code
   * now} for the same room (for invites to the server only: of those): completes true when stored.
   * Expired invites (and those used up a while ago) go.
   */
  CompletableFuture<Boolean> create(Invite invite, int maxLive, long now);

  /**
   * Uses one admission of the invite with this hash, atomically: true when it was unexpired at
   * {@code now} and had a use left (now one less), false otherwise.
   */
  CompletableFuture<Boolean> use(String codeHash, long now);

  /**
   * Like {@link #use}, and answers the invite as it is after the use (null when none was taken):
   * what a use needs to know where it leads.
   */
  CompletableFuture<Invite> take(String codeHash, long now);

  /**
   * The invite whose code hashes to {@code codeHashOrId}, or whose {@link Invite#id} it is alone,
   * if it has not expired at {@code now} (used up or not: see {@link Invite#usesLeft}); else null.
   * Takes nothing.
   */
  CompletableFuture<Invite> find(String codeHashOrId, long now);

  /** The invites to {@code room} that still admit someone at {@code now}, newest first. */
  CompletableFuture<List<Invite>> live(String room, long now);

  /** Gives back a use taken by {@link #use} that admitted nobody (the hello failed). */
  CompletableFuture<Void> giveBack(String codeHash);

  /** The invites that still admit someone at {@code now}, newest first. */
  CompletableFuture<List<Invite>> live(long now);

  /**
   * Removes the invite whose code hashes to {@code codeHashOrId}, or whose {@link Invite#id} it is:
   * true when one went.
   */
  CompletableFuture<Boolean> revoke(String codeHashOrId);

  /** A store without invites: none is ever valid (domain tests with a store of their own). */
  Invites NONE =
      new Invites() {
        @Override
        public CompletableFuture<Boolean> create(Invite invite, int maxLive, long now) {
          return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Boolean> use(String codeHash, long now) {
          return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Invite> take(String codeHash, long now) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Invite> find(String codeHashOrId, long now) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<Invite>> live(String room, long now) {
          return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Void> giveBack(String codeHash) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<Invite>> live(long now) {
          return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Boolean> revoke(String codeHashOrId) {
          return CompletableFuture.completedFuture(false);
        }
      };
}
