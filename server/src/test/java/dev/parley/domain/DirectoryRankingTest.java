package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The directory's ranking and pages without a server: the bound on the rooms one page looks at, and
 * what happens to a room whose members change between two pages.
 */
class DirectoryRankingTest {

  private static RoomState room(Directory d, String name, String topic, int members) {
    RoomState r = new RoomState(name, topic, null, 0, 0, 0);
    for (int i = 0; i < members; i++) r.members.add(name + "-m" + i);
    d.update(r);
    return r;
  }

  @Test
  void aRareFilterIsFoundPageByPageWithinTheBoundOfEachPage() {
    Directory d = new Directory();
    int rooms = 3 * Directory.MAX_SCANNED;
    for (int i = 0; i < rooms; i++)
      room(d, String.format("r%05d", i), i == rooms - 1 ? "the needle" : "hay", 1);

    List<Out.DirectoryEntry> found = new ArrayList<>();
    String after = null;
    int pages = 0;
    boolean more = true;
    while (more) {
      Directory.Page page = d.page("NEEDLE", after, 10);
      found.addAll(page.rooms());
      more = page.more();
      after = page.next();
      pages++;
    }
    assertThat(found)
        .extracting(Out.DirectoryEntry::name)
        .containsExactly(String.format("r%05d", rooms - 1));
    assertThat(pages)
        .as("pages, each looking at %d rooms at most", Directory.MAX_SCANNED)
        .isEqualTo(3);
  }

  @Test
  void reRankingMovesARoomAndEveryRoomThatStaysPutIsListedOnce() {
    Directory d = new Directory();
    List<RoomState> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) all.add(room(d, String.format("s%02d", i), "", 1 + i % 3));

    Directory.Page first = d.page(null, null, 10);
    // between two pages: a room already listed gains members, one not yet listed loses some
    RoomState listed =
        all.stream()
            .filter(r -> r.name.equals(first.rooms().get(9).name()))
            .findFirst()
            .orElseThrow();
    listed.members.add("newcomer");
    d.update(listed);
    RoomState later = all.get(0); // 1 member: ranked at the end
    d.update(later);

    Set<String> seen = new HashSet<>();
    first.rooms().forEach(e -> seen.add(e.name()));
    String after = first.next();
    while (after != null) {
      Directory.Page page = d.page(null, after, 10);
      page.rooms()
          .forEach(e -> assertThat(seen.add(e.name())).as("%s listed once", e.name()).isTrue());
      after = page.next();
    }
    assertThat(seen).hasSize(30);
    assertThat(d.first().rooms().get(0).name()).isEqualTo(listed.name); // now the busiest
  }
}
