package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who a new message's push looks at. A push is decided on the store's writer thread for every
 * message, so in a room of thousands an ordinary message must not walk the whole room: only those
 * who chose {@code all} there, those it mentions and those taking part in its thread are looked at
 * (each is still checked by {@link PushNotes#reason}).
 */
class PushCandidatesTest {

  static RoomState roomOf(int members) {
    RoomState room = new RoomState("lobby", null, null, 0, 0, 0);
    for (int i = 0; i < members; i++) room.members.add("u" + i);
    return room;
  }

  static Message said(String text, Mention... mentions) {
    return Message.draft("lobby", "m1", new Profile("u0", "ann", null), 0, text, null)
        .withMentions(List.of(mentions));
  }

  @Test
  void anOrdinaryMessageInABigRoomLooksAtNobodyWhenNobodyChoseAll() {
    RoomState room = roomOf(5000);
    assertThat(PushNotes.candidates(room, said("hello all"), null)).isEmpty();
  }

  @Test
  void itLooksAtThoseWhoChoseAllAndThoseMentioned() {
    RoomState room = roomOf(5000);
    UserState u7 = new UserState("u7", "u7", null, null, 0);
    u7.rooms.put("lobby", 0L);
    NotifyLevels.chose(u7, room, "all");
    assertThat(PushNotes.candidates(room, said("hi @bo", new Mention("u9", "bo")), null))
        .containsExactlyInAnyOrder("u7", "u9");

    NotifyLevels.chose(u7, room, "mentions");
    assertThat(PushNotes.candidates(room, said("again"), null)).isEmpty();
    NotifyLevels.chose(u7, room, "all");
    NotifyLevels.forget(u7, room);
    assertThat(PushNotes.candidates(room, said("after leaving"), null))
        .as("leaving forgets the level")
        .isEmpty();
  }
}
