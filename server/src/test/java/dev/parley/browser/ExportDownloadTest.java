package dev.parley.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Settings → Export: the current room downloads as a file that holds its messages. */
class ExportDownloadTest extends BrowserTestBase {

  @Test
  void theCurrentRoomDownloadsAsTextAndAsJson() throws Exception {
    Page ann = login("ann");
    send(ann, "export me, please");
    send(ann, "and me too");

    ann.getByTestId("settings-button").click();
    ann.getByTestId("export-format").selectOption("txt");
    Download txt = ann.waitForDownload(() -> ann.getByTestId("export-current").click());
    String text = Files.readString(txt.path());
    assertThat(txt.suggestedFilename()).startsWith("parley-general-").endsWith(".txt");
    assertThat(text).startsWith("# Parley export of general");
    assertThat(text).contains("> export me, please", "> and me too", "joined the room");
    assertThat(ann.getByTestId("export-status").textContent()).contains("Exported #general");

    ann.getByTestId("export-format").selectOption("json");
    Download json = ann.waitForDownload(() -> ann.getByTestId("export-all").click());
    assertThat(json.suggestedFilename()).endsWith(".json");
    assertThat(Files.readString(json.path()))
        .startsWith("{\"format\":\"parley-room-export\"")
        .contains("export me, please");
  }
}
