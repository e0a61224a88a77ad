package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_IMAGE;
import static dev.parley.domain.ChatException.Code.BAD_REPLY;
import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.BAD_THREAD;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;
import static dev.parley.domain.ChatException.Code.TOO_LONG;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages and reading them: send (to a room, or to a person through {@link DirectRooms}), pages of
 * history, typing and read markers.
 */
final class Messages {
  static final int MAX_HISTORY = 200;
  static final int DEFAULT_HISTORY = 50;

  private static final Logger LOG = LoggerFactory.getLogger(Messages.class);

  private final Registry registry;
  private final RoomLog log;
  private final DirectRooms direct;
  private final Images images;

  Messages(Registry registry, RoomLog log, DirectRooms direct, Images images) {
    this.registry = registry;
    this.log = log;
    this.direct = direct;
    this.images = images;
  }

  void send(Session session, Post post, String ref) {
    checkClientId(post.id());
    String text = post.text() == null || post.text().isBlank() ? null : post.text();
    if (text == null && post.image() == null && post.file() == null) {
      throw new ChatException(BAD_REQUEST, "A message needs some text or an image.");
    }
    if (post.image() != null && post.file() != null) {
      throw new ChatException(BAD_REQUEST, "A message carries an image or a file, not both.");
    }
    if (text != null) checkText(text);
    Image image = post.image() == null ? null : verified(post.image(), session.user.id);
    Attachment file =
        post.file() == null ? null : FileRules.verified(images, post.file(), session.user.id);
    if (post.room() != null && (post.to() != null || post.group() != null)) {
      throw new ChatException(BAD_REQUEST, "Send to a room or to people, not both.");
    }
    RoomState room =
        post.to() != null
            ? direct.open(session, post.to())
            : post.group() != null
                ? direct.openGroup(session, post.group())
                : registry.memberRoom(session, post.room());
    Moderation.refusePost(registry, room, session.user);
    Conversation conversation = conversation(post);
    List<Mention> mentions = Mentions.resolve(post.mentions(), text, registry.users);
    Message draft =
        Message.draft(
                room.name,
                post.id(),
                session.user.profile(),
                registry.clock.getAsLong(),
                text,
                image)
            .withMentions(mentions)
            .withFile(file)
            .withConversation(conversation);
    registry.spoke(session.user);
    log.append(room, draft, session.client, ref);
  }

  /**
   * What a post links to, as a draft carries it: the seqs alone; the store checks them against the
   * room's log and fills in the quote ({@link Conversations#resolve}).
   */
  private static Conversation conversation(Post post) {
    if (post.replyTo() != null && post.replyTo() < 1)
      throw new ChatException(BAD_REPLY, "'replyTo' is the seq of a message of this room.");
    if (post.thread() != null && post.thread() < 1)
      throw new ChatException(BAD_THREAD, "'thread' is the seq of a message of this room.");
    if (post.alsoInRoom() && post.thread() == null)
      throw new ChatException(BAD_REQUEST, "'alsoInRoom' is for a reply in a thread.");
    if (post.replyTo() == null && post.thread() == null) return Conversation.NONE;
    Conversation.Reply reply =
        post.replyTo() == null ? null : new Conversation.Reply(post.replyTo(), null, null);
    return new Conversation(reply, post.thread(), post.alsoInRoom(), null);
  }

  /**
   * Whether a {@code send} whose image or file has this URL must wait for {@link #learnUpload} (see
   * {@link Images#knows}).
   */
  boolean uploadWaits(String url) {
    return url != null && images != null && !images.knows(url);
  }

  void learnUpload(String url, Runnable then) {
    images.learn(url, then);
  }

  private Image verified(Image claimed, String userId) {
    Image image = claimed.url() == null || images == null ? null : images.verify(claimed, userId);
    if (image == null)
      throw new ChatException(BAD_IMAGE, "Attach an image uploaded to this server.");
    return image;
  }

  /** The rules every message text keeps, sent or edited: no control characters, not too long. */
  void checkText(String text) {
    if (!Characters.isText(text)) {
      throw new ChatException(
          BAD_REQUEST,
          "A message may not contain control characters or broken ones (a lone surrogate).");
    }
    int limit = registry.settings.limits().text();
    if (Names.length(text) > limit)
      throw new ChatException(TOO_LONG, "A message is at most " + limit + " characters.");
  }

  /**
   * Answers a page of the room's log: from the room's {@link RoomTail} when it holds exactly the
   * page the store would give (the common case of catching up after a reconnect), otherwise from
   * the store. Either way the page is then capped by size ({@link PageSize}).
   */
  void history(
      Session session, String roomName, Long before, Long after, Integer limit, String ref) {
    if (before != null && after != null) {
      throw new ChatException(BAD_REQUEST, "Ask for history before or after a seq, not both.");
    }
    RoomState room = registry.memberRoom(session, roomName);
    int n = limit(limit, DEFAULT_HISTORY);
    Client client = session.client;
    boolean forward = after != null;
    Store.Page fromTail = room.tail.page(before, after, n);
    if (fromTail != null) {
      sendPage(client, ref, room.name, fromTail, forward);
      return;
    }
    long revAtRead = room.lastRev;
    answer(
        registry.store.history(room.name, before, after, n),
        client,
        ref,
        room.name,
        page -> {
          room.tail.fill(page.events(), revAtRead);
          sendPage(client, ref, room.name, page, forward);
        });
  }

  /**
   * {@code history} with {@code thread}: the root and its replies after {@code after}, from the
   * store (a thread's replies are scattered over the log, so the tail rarely holds a page of them).
   * A room the asker may not see is {@code not_found} as everywhere; so is a root that is not
   * there.
   */
  void thread(Session session, String roomName, long root, Long after, Integer limit, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    Client client = session.client;
    answer(
        registry.store.thread(room.name, root, after, limit(limit, DEFAULT_HISTORY)),
        client,
        ref,
        room.name,
        page -> {
          if (page.events().isEmpty()) {
            client.send(
                new Out.Error(
                    ref,
                    NOT_FOUND.wire(),
                    "There is no message " + root + " in " + room.name + "."));
            return;
          }
          Store.Page capped = PageSize.cap(page, true, PageSize.MAX_PAGE_BYTES);
          client.send(
              new Out.History(
                  ref,
                  room.name,
                  capped.events(),
                  capped.more() || capped.events().size() < page.events().size(),
                  Authors.now(capped.events(), registry.users),
                  root,
                  null));
        });
  }

  /**
   * Messages of the room changed after rev {@code since}: how a reconnecting client catches up on
   * edits.
   */
  void changes(Session session, String roomName, long since, Integer limit, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    Client client = session.client;
    long rev = room.lastRev;
    if (since >= rev) {
      client.send(new Out.Changes(ref, room.name, java.util.List.of(), rev, false));
      return;
    }
    answer(
        registry.store.changes(room.name, since, limit(limit, DEFAULT_CHANGES)),
        client,
        ref,
        room.name,
        page -> {
          Store.Page capped = PageSize.cap(page, true, PageSize.MAX_PAGE_BYTES);
          client.send(new Out.Changes(ref, room.name, capped.events(), rev, capped.more()));
        });
  }

  static final int DEFAULT_CHANGES = 100;

  private static int limit(Integer asked, int otherwise) {
    return asked == null ? otherwise : Math.max(1, Math.min(MAX_HISTORY, asked));
  }

  private static void answer(
      CompletableFuture<Store.Page> read,
      Client client,
      String ref,
      String room,
      java.util.function.Consumer<Store.Page> then) {
    read.whenComplete(
        (page, error) -> {
          if (error == null) {
            then.accept(page);
          } else if (causedBy(error, RejectedExecutionException.class)) {
            LOG.debug("read of {} refused: {}", room, error.getMessage());
            client.send(
                new Out.Error(
                    ref,
                    INTERNAL.wire(),
                    "The server is busy reading history; try again in a moment."));
          } else {
            LOG.warn("read of {} failed", room, error);
            client.send(
                new Out.Error(
                    ref, INTERNAL.wire(), "History is unavailable right now; try again."));
          }
        });
  }

  private void sendPage(Client client, String ref, String room, Store.Page page, boolean forward) {
    Store.Page capped = PageSize.cap(page, forward, PageSize.MAX_PAGE_BYTES);
    client.send(
        new Out.History(
            ref,
            room,
            capped.events(),
            capped.more(),
            Authors.now(capped.events(), registry.users)));
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) return true;
    }
    return false;
  }

  void typing(Session session, String roomName) {
    RoomState room = registry.memberRoom(session, roomName);
    registry.bus.publish(
        Audience.roomExcept(room.name, session.user.id),
        new Out.Typing(room.name, session.user.profile()));
  }

  /** Moves the read marker forward (never back, never past the log's end). */
  void read(Session session, String roomName, long seq) {
    RoomState room = registry.memberRoom(session, roomName);
    UserState user = session.user;
    long target = Math.min(seq, room.lastSeq);
    long now = user.rooms.merge(room.name, target, Math::max);
    if (now == target && target > 0) {
      registry.write(new Change.ReadMoved(room.name, user.id, target));
      registry.bus.publish(Audience.user(user.id), new Out.Read(room.name, now));
    } else {
      session.client.send(new Out.Read(room.name, now));
    }
  }

  private static void checkClientId(String id) {
    if (!Names.isClientId(id)) {
      throw new ChatException(
          BAD_REQUEST,
          "A message needs an id of 1 to 64 characters, without control characters or broken ones.");
    }
  }
}
