package dev.parley.domain;

import java.util.List;

/**
 * The door to finding people ({@link PeopleFinder}): {@code users} by part of a nick or by ids, and
 * a room's {@code members}. Reached through {@link Chat#people}.
 */
public final class People {
  private final PeopleFinder people;

  People(PeopleFinder people) {
    this.people = people;
  }

  /**
   * {@code users}: people to mention or message whose nick contains {@code query}. Answered on the
   * executor set by {@link #lookupsOn}; refused at once ({@code rate_limited}) beyond the user's
   * allowance or when that executor's queue is full.
   */
  public void find(Session session, String query, Integer limit, String ref) {
    people.find(session, query, limit, ref);
  }

  /** The most user ids one {@code users} frame may ask about by id. */
  public static final int MAX_IDS = PeopleFinder.MAX_FOUND;

  /**
   * {@code users} with {@code ids}: who those users are now (unknown ids left out), so that a
   * client shows a renamed author's old messages under their current name. Answered like {@link
   * #findUsers}, whose allowance it shares.
   */
  public void whoAre(Session session, List<String> ids, String ref) {
    people.whoAre(session, ids, ref);
  }

  /**
   * {@code members}: a page of {@code room}'s members with their presence, members only. Answered
   * like {@link #find}, whose allowance it shares.
   */
  public void members(Session session, String room, String after, Integer limit, String ref) {
    people.members(session, room, after, limit, ref);
  }

  /**
   * Set once, before the first connection: a small bounded executor (the node owns and stops it)
   * where {@code users} lookups run, off the event loops. Until set they run on the caller's
   * thread.
   */
  public void lookupsOn(java.util.concurrent.Executor executor) {
    people.lookupsOn(executor);
  }
}
