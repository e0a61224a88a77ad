package dev.parley.domain;

import java.util.List;

/**
 * Every frame the server sends, as plain values. The domain decides what to send; the JSON
 * codec in the web layer decides how it looks on the wire, once per frame.
 */
public sealed interface Out {

  /** A room as its member sees it. */
  record RoomView(String name, String topic, int members, long lastSeq, long readSeq) {}

  /** A public room in the directory. */
  record DirectoryEntry(String name, String topic, int members) {}

  record UserView(String id, String nick, String avatar, String status) {}

  record Limits(int text, long upload, int rate, int burst, int frame) {}

  record Welcome(
      String ref,
      Profile user,
      String token,
      List<RoomView> rooms,
      List<DirectoryEntry> directory,
      List<UserView> users,
      String version,
      Limits limits)
      implements Out {}

  /** {@code room} is set for create and join, null otherwise. */
  record Ok(String ref, RoomView room) implements Out {}

  record Error(String ref, String code, String message) implements Out {}

  record History(String ref, String room, List<Event> events, boolean more) implements Out {}

  /** A message or notice, live. */
  record Live(Event event) implements Out {}

  /** A room was created or changed. */
  record RoomChanged(String name, String topic, int members) implements Out {}

  record Presence(Profile user, String status) implements Out {}

  record Typing(String room, Profile user) implements Out {}

  record Read(String room, long seq) implements Out {}

  record Pong(String ref) implements Out {}
}
