package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REPLY;
import static dev.parley.domain.ChatException.Code.BAD_THREAD;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of replies and threads, as pure functions of the messages as stored. Like an {@link
 * Amendment}, they run in the store's writer transaction ({@link Store#append}): only there is the
 * parent's or root's latest state known (another node may have just deleted it), and a thread
 * reply's seq and its root's new summary (a change, with the room's next rev) are written together.
 */
public final class Conversations {
  /** The most characters of the parent's text a reply carries. */
  public static final int EXCERPT = 200;

  /** The most repliers a root's summary names. */
  public static final int MAX_USERS = 5;

  private Conversations() {}

  /** Whether the store must read a parent or a root before it stores {@code draft}. */
  public static boolean linked(Event draft) {
    return draft instanceof Message m
        && (m.conversation().reply() != null || m.conversation().thread() != null);
  }

  /**
   * The draft as it will be stored: its reply carries the parent's author and excerpt.
   *
   * @param parent the message {@code draft} replies to as stored, null when there is none (or a
   *     notice holds that seq)
   * @param root its thread's root as stored, likewise
   * @throws ChatException {@code bad_reply} or {@code bad_thread}, and nothing is stored
   */
  public static Message resolve(Message draft, Message parent, Message root) {
    Conversation c = draft.conversation();
    if (c.reply() != null) {
      if (parent == null || parent.deleted())
        throw new ChatException(
            BAD_REPLY, "There is no message " + c.reply().seq() + " in this room to reply to.");
      Profile from = new Profile(parent.from().id(), parent.from().nick(), null);
      c = c.withReply(quote(parent, from));
    }
    if (c.thread() != null) {
      if (root == null || root.deleted())
        throw new ChatException(
            BAD_THREAD, "There is no message " + c.thread() + " in this room to start a thread.");
      if (root.conversation().thread() != null)
        throw new ChatException(
            BAD_THREAD, "That message is a thread's reply: reply in its thread instead.");
    }
    return draft.withConversation(c);
  }

  /** The root after {@code reply}, its thread's newest reply, at the room's next {@code rev}. */
  public static Message replied(Message root, Message reply, long rev) {
    Conversation.Replies now = root.conversation().replies();
    List<String> users = new ArrayList<>(now == null ? List.of() : now.users());
    users.remove(reply.from().id());
    users.add(reply.from().id());
    while (users.size() > MAX_USERS) users.remove(0);
    Conversation.Replies next =
        new Conversation.Replies(now == null ? 1 : now.count() + 1, reply.ts(), users);
    return root.changed(
            root.text(), root.image(), root.edited(), root.deleted(), root.reactions(), rev)
        .withConversation(root.conversation().withReplies(next));
  }

  /**
   * What a reply by {@code from}'s message shows of {@code parent} as it is now: the start of its
   * text, or for one without text what it is (a file by its name).
   */
  public static Conversation.Reply quote(Message parent, Profile from) {
    if (parent.deleted())
      return new Conversation.Reply(parent.seq(), from, "", Conversation.Reply.DELETED);
    String text = excerpt(parent.text());
    if (!text.isBlank()) return new Conversation.Reply(parent.seq(), from, text);
    Attachment file = parent.file();
    if (file != null && file.isVoice())
      return new Conversation.Reply(parent.seq(), from, "", Conversation.Reply.VOICE);
    if (file != null)
      return new Conversation.Reply(
          parent.seq(), from, excerpt(file.name()), Conversation.Reply.FILE);
    if (parent.image() != null)
      return new Conversation.Reply(parent.seq(), from, "", Conversation.Reply.IMAGE);
    return new Conversation.Reply(parent.seq(), from, text);
  }

  /** The start of a parent's text: at most {@link #EXCERPT} characters, never half of one. */
  public static String excerpt(String text) {
    if (text == null) return "";
    if (text.codePointCount(0, text.length()) <= EXCERPT) return text;
    return text.substring(0, text.offsetByCodePoints(0, EXCERPT));
  }
}
