package dev.parley.domain;

import java.util.List;

/**
 * Where a message stands in the conversation: the message it answers ({@code reply}), the thread it
 * belongs to ({@code thread}, the root's seq, with {@code alsoInRoom} when it is shown in the
 * room's main flow too) and, for a thread's root, a summary of its replies. One component of {@link
 * Message}, so that replies and threads change one place of the record.
 *
 * @param reply the quoted message: its seq, author and the start of its text; on a draft only the
 *     seq (the store fills in the rest from the parent as stored, see {@link Conversations})
 * @param thread the seq of the thread's root, or null outside a thread
 * @param alsoInRoom a thread reply that clients show in the room's main flow too
 * @param replies for a thread's root: how many replies, the last one's ts and up to five of the
 *     people who replied; null when nobody has
 */
public record Conversation(Reply reply, Long thread, boolean alsoInRoom, Replies replies) {

  public static final Conversation NONE = new Conversation(null, null, false, null);

  /**
   * What a reply shows of its parent. {@code kind} says what {@code excerpt} is: null, the start of
   * the parent's text; {@link #IMAGE} or {@link #VOICE}, a parent without text (excerpt empty);
   * {@link #FILE}, a file without text (excerpt: its name); {@link #DELETED} or {@link #GONE} (by
   * retention), a parent that is no more (excerpt empty). Null too on replies stored before V23.
   */
  public record Reply(long seq, Profile from, String excerpt, String kind) {
    public static final String IMAGE = "image";
    public static final String VOICE = "voice";
    public static final String FILE = "file";
    public static final String DELETED = "deleted";
    public static final String GONE = "gone";

    /** The kinds a reply may carry (an archive's are checked against these). */
    public static final java.util.Set<String> KINDS =
        java.util.Set.of(IMAGE, VOICE, FILE, DELETED, GONE);

    public Reply(long seq, Profile from, String excerpt) {
      this(seq, from, excerpt, null);
    }

    /** The same reply quoting a parent that is no more: {@link #DELETED} or {@link #GONE}. */
    public Reply without(String why) {
      return new Reply(seq, from, "", why);
    }
  }

  /** A thread root's replies: {@code users} the latest repliers, at most five, newest last. */
  public record Replies(int count, long lastTs, List<String> users) {
    public Replies {
      users = users == null ? List.of() : List.copyOf(users);
    }
  }

  public boolean isNone() {
    return reply == null && thread == null && !alsoInRoom && replies == null;
  }

  /** The same, with the replies' summary {@code replies}. */
  public Conversation withReplies(Replies replies) {
    return new Conversation(reply, thread, alsoInRoom, replies);
  }

  /** The same, quoting {@code reply}. */
  public Conversation withReply(Reply reply) {
    return new Conversation(reply, thread, alsoInRoom, replies);
  }
}
