package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Voice messages in Chromium with its fake microphone (a tone; {@link Chromium} starts it with
 * {@code --use-fake-device-for-media-stream --use-fake-ui-for-media-stream}): recorded with a
 * click, timed, cancelled or sent, and played by the other person with its length.
 */
class VoiceMessageTest extends BrowserTestBase {

  /**
   * The timer has counted a second, or two: a busy machine may show 0:00 then 0:02, so an exact
   * "0:01" is missed (CI saw it), while a recording still at 0:00 (or the panel's start) is not.
   */
  private static final Pattern AT_LEAST_A_SECOND = Pattern.compile("0:0[1-9]");

  private static final Pattern AT_LEAST_TWO_SECONDS = Pattern.compile("0:0[2-9]");

  private Page[] twoInARoom(Browser.NewContextOptions options) {
    return FileMessageTest.twoInARoom(this, options);
  }

  private static Locator lastMessage(Page page) {
    return FileMessageTest.lastMessage(page);
  }

  private static void playsAndSeeks(Locator card) {
    FileMessageTest.playsAndSeeks(card);
  }

  @Test
  void aVoiceMessageIsRecordedSentAndPlayedWithItsLength() {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];
    Page bob = pages[1];

    // a recording cancelled sends nothing
    alice.getByTestId("voice-button").click();
    assertThat(alice.getByTestId("voice-panel")).isVisible();
    alice.getByTestId("voice-cancel").click();
    assertThat(alice.getByTestId("voice-panel")).isHidden();

    alice.getByTestId("voice-button").click();
    assertThat(alice.getByTestId("voice-panel")).isVisible();
    assertThat(alice.getByTestId("voice-time")).hasText(AT_LEAST_TWO_SECONDS);
    Screenshots.save(alice, "voice-recording-1280");
    alice.getByTestId("voice-send").click();
    assertThat(alice.getByTestId("voice-panel")).isHidden();

    Locator voice = lastMessage(bob).getByTestId("voice-message");
    assertThat(voice.getByTestId("file-name")).hasText("Voice message");
    assertThat(voice.getByTestId("file-meta")).containsText("0:0");
    assertThat(bob.locator("[data-testid=message-list] [data-testid=voice-message]")).hasCount(1);
    playsAndSeeks(voice);
    Screenshots.save(bob, "voice-message-1280");
    narrow(alice);
    alice.getByTestId("voice-button").click();
    assertThat(alice.getByTestId("voice-time")).hasText(AT_LEAST_A_SECOND);
    Screenshots.save(alice, "voice-recording-390");
    alice.getByTestId("voice-cancel").click();
    narrow(bob);
    Screenshots.save(bob, "voice-message-390");
  }

  @Test
  void holdingTheMicrophoneRecordsAndLettingGoSends() {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];
    Page bob = pages[1];
    alice.getByTestId("voice-button").hover();
    alice.mouse().down();
    assertThat(alice.getByTestId("voice-panel")).isVisible();
    assertThat(alice.getByTestId("voice-time")).hasText(AT_LEAST_A_SECOND);
    alice.mouse().up();
    assertThat(alice.getByTestId("voice-panel")).isHidden();
    Locator voice = lastMessage(bob).getByTestId("voice-message");
    assertThat(voice.getByTestId("file-meta")).containsText("0:0");
    assertThat(voice.locator("audio")).isVisible();
  }
}
