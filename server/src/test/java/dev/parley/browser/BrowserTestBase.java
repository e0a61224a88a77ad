package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.BoundingBox;
import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a free port and one Chromium per test class; each test opens fresh browser
 * contexts (separate storage, so separate users) that are closed after it.
 */
abstract class BrowserTestBase {

  private static final AtomicInteger UNIQUE = new AtomicInteger();

  @TempDir static Path dataDir;

  static ParleyServer server;

  /** The nick the server names as its administrator ({@code --admins}); AdminScreenTest's. */
  static final String ADMIN = "Chief";

  static Playwright playwright;
  static Browser browser;
  static String baseUrl;

  private final List<BrowserContext> contexts = new ArrayList<>();

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    // Retention sweeps often (a no-op while no room has a policy), so RetentionDialogTest sees its
    // room's policy applied.
    server =
        ParleyServer.start(
            ParleyConfig.defaults()
                .withPort(0)
                .withDataDir(dataDir)
                .withRetention(null, null, java.time.Duration.ofMillis(300))
                .withAdmins(List.of(ADMIN)));
    baseUrl = "http://127.0.0.1:" + server.port() + "/";
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright);
  }

  @AfterAll
  static void stopServerAndBrowser() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    if (server != null) server.close();
  }

  @AfterEach
  void closeContexts() {
    for (BrowserContext context : contexts) context.close();
    contexts.clear();
  }

  /** A name no other test in this JVM uses: nicks and rooms stay unique across tests. */
  static String unique(String prefix) {
    return prefix + UNIQUE.incrementAndGet();
  }

  Page newPage() {
    return newPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
  }

  Page newPage(Browser.NewContextOptions options) {
    Page page = blankPage(options);
    page.navigate(baseUrl);
    return page;
  }

  /** A page that has not loaded the app yet: for routes that must be in place before it does. */
  Page blankPage(Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options);
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> System.err.println("[page error] " + error));
    return page;
  }

  /** Logs a new user in (generated avatar) and waits until the chat is connected. */
  Page login(String nick) {
    return login(newPage(), nick);
  }

  Page login(Page page, String nick) {
    page.getByTestId("login-nick").fill(nick);
    page.getByTestId("login-submit").click();
    assertConnected(page);
    return page;
  }

  /** Logs a new user in on a page whose socket the test can cut and restore. */
  CuttableSocket loginCuttable(String nick) {
    Page page = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    CuttableSocket socket = CuttableSocket.install(page);
    page.navigate(baseUrl);
    login(page, nick);
    return socket;
  }

  /**
   * The box of an element once it is visible: {@code boundingBox()} alone answers null for an
   * element that is still being laid out (a row just rendered, a sheet sliding in).
   */
  static BoundingBox visibleBox(Locator element) {
    assertThat(element).isVisible();
    BoundingBox box = element.boundingBox();
    org.assertj.core.api.Assertions.assertThat(box).as("box of a visible element").isNotNull();
    return box;
  }

  static void assertConnected(Page page) {
    assertThat(page.getByTestId("connection-state")).hasAttribute("data-state", "connected");
  }

  /** Clicks a button of the room's header: on a phone it is in the "Room actions" sheet. */
  static void roomAction(Page page, String testId) {
    if (page.viewportSize().width > 720) {
      page.getByTestId(testId).click();
      return;
    }
    page.getByTestId("room-menu-button").click();
    page.getByTestId("room-menu").getByTestId("room-menu-" + testId).click();
  }

  static Locator roomItem(Page page, String room) {
    return page.locator("[data-testid=room-item][data-room='" + room + "']");
  }

  /** The texts of confirmed messages (those the server has numbered) in the open room. */
  static Locator confirmedTexts(Page page) {
    return page.locator(
        "[data-testid=message-list] [data-testid=message][data-seq] [data-testid=message-text]");
  }

  static void openRoom(Page page, String room) {
    Locator item = roomItem(page, room);
    item.click();
    assertThat(item).hasAttribute("aria-current", "page");
  }

  static void createRoom(Page page, String room, String topic) {
    page.getByTestId("new-room-button").click();
    page.getByTestId("new-room-name").fill(room);
    page.getByTestId("new-room-topic").fill(topic);
    page.getByTestId("new-room-submit").click();
    assertThat(roomItem(page, room)).hasAttribute("aria-current", "page");
  }

  static void joinRoom(Page page, String room) {
    page.getByTestId("browse-button").click();
    page.locator("[data-testid=join-button][data-room='" + room + "']").click();
    assertThat(roomItem(page, room)).hasAttribute("aria-current", "page");
  }

  /** Types and sends with Enter, then waits for the server's copy to replace the pending one. */
  static void send(Page page, String text) {
    Locator composer = page.getByTestId("composer");
    composer.fill(text);
    composer.press("Enter");
    assertThat(page.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
    assertThat(confirmedTexts(page).last()).hasText(text);
  }

  /** Renames the user through the profile dialog, and waits until the dialog has closed. */
  static void rename(Page page, String nick) {
    page.getByTestId("settings-button").click();
    page.getByTestId("edit-profile").click();
    page.getByTestId("profile-nick").fill(nick);
    page.getByTestId("profile-save").click();
    assertThat(page.getByTestId("profile-dialog")).isHidden();
  }

  /**
   * Makes the page a phone's width (390 px) and waits until the narrow layout has settled: the
   * message list fits the width and nothing is still sliding (for a screenshot).
   */
  static void narrow(Page page) {
    page.setViewportSize(390, 844);
    page.waitForFunction(
        "() => { const r = document.querySelector('[data-testid=message-list]')"
            + ".getBoundingClientRect(); return r.left >= 0 && r.right <= 390"
            + " && document.getAnimations().every(a => a.playState !== 'running'); }");
  }

  /** Like {@link #send}, for text that renders differently from its source (Markdown). */
  static void sendSource(Page page, String text) {
    int before = confirmedTexts(page).count();
    Locator composer = page.getByTestId("composer");
    composer.fill(text);
    composer.press("Enter");
    assertThat(page.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
    assertThat(confirmedTexts(page)).hasCount(before + 1);
  }
}
