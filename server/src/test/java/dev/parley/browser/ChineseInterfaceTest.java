package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.replyInThread;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A browser whose language is Chinese gets Parley in Simplified Chinese (js/i18n/zh-CN.js): the
 * login screen, the chat screen and settings, {@code <html lang="zh-CN">}, times in Chinese, the
 * client's own Chinese sentence for a server's error; English chosen in settings takes effect and
 * is remembered; a room's start, its Options, a thread beside it, the message toolbar, Threads and
 * Saved messages in Chinese too. Screenshots at 1280 and 390 pixels: {@code
 * target/screenshots/chinese-*.png}.
 */
class ChineseInterfaceTest extends BrowserTestBase {

  private Page chinesePage(int width, int height) {
    return newPage(
        new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(width, height));
  }

  @Test
  void aChineseBrowserGetsEveryScreenInChineseAndEnglishIsRemembered() {
    String taken = unique("ann");
    login(taken); // an English reader holds this nickname

    Page page = chinesePage(1280, 800);
    assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
    assertThat(page.getByTestId("login-submit")).hasText("进入聊天");
    assertThat(page.locator(".login-lead")).hasText("选一个昵称和头像，开始聊天吧。");
    assertThat(page.locator("label[for=login-nick]")).hasText("昵称");
    Screenshots.save(page, "chinese-login-1280");

    // The server refuses in English; the client says it in Chinese.
    page.getByTestId("login-nick").fill(taken);
    page.getByTestId("login-submit").click();
    assertThat(page.getByTestId("login-error")).hasText("这个昵称已经有人在用了，换一个吧。");

    login(page, unique("小明"));
    assertThat(page.getByTestId("connection-state")).containsText("已连接");
    assertThat(page.locator("#rooms-panel h2").first()).hasText("频道");
    assertThat(page.getByTestId("browse-link")).hasText("浏览全部频道");
    assertThat(page.getByTestId("composer")).hasAttribute("placeholder", Pattern.compile("^发消息"));
    assertThat(page.getByTestId("send-button")).hasAttribute("aria-label", "发送");
    assertThat(page.getByTestId("room-members")).containsText("位成员");
    send(page, "大家好");
    // The time's tooltip is the full date, written the Chinese way (年 月 日).
    assertThat(page.locator("[data-testid=message] time").last())
        .hasAttribute("title", Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日"));
    Screenshots.save(page, "chinese-chat-1280");

    page.getByTestId("settings-button").click();
    assertThat(page.locator("#settings-title")).hasText("设置");
    assertThat(page.getByTestId("settings-nav-general")).hasText("个人");
    assertThat(page.getByTestId("language-select")).hasValue("zh-CN");
    assertThat(page.locator("[data-testid=language-select] option[value=en]")).hasText("English");
    assertThat(page.locator("[data-testid=language-select] option[value=zh-CN]")).hasText("简体中文");
    Screenshots.save(page, "chinese-settings-1280");
    page.keyboard().press("Escape");

    narrow(page);
    Screenshots.save(page, "chinese-chat-390");
    page.getByTestId("settings-button").click();
    Screenshots.save(page, "chinese-settings-390");

    // English, chosen in settings: the page reloads in it, and stays in it.
    page.waitForNavigation(() -> page.getByTestId("language-select").selectOption("en"));
    assertConnected(page);
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("#rooms-panel h2").first()).hasText("Rooms");
    page.reload();
    assertConnected(page);
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.getByTestId("connection-state")).containsText("Connected");
    assertThat(page.getByTestId("composer"))
        .hasAttribute("placeholder", Pattern.compile("^Message"));
  }

  @Test
  void aRoomItsThreadAndItsListsSpeakChinese() {
    Page page = chinesePage(1280, 800);
    login(page, unique("小红"));
    String room = unique("team");
    createRoom(page, room, "");
    assertThat(page.locator(".timeline-top .start-title")).hasText("这里是 #" + room + " 频道的开始");
    assertThat(page.getByTestId("room-options-button")).hasText("选项");
    page.getByTestId("room-options-button").click();
    assertThat(page.locator("#room-options-title")).hasText("#" + room + " 的选项");
    assertThat(page.getByTestId("notify-all").locator("xpath=..")).hasText("所有消息");
    page.getByTestId("room-options").getByText("完成").click();

    send(page, "下周的发布计划");
    String root = seqOf(page, "下周的发布计划");
    row(page, root).hover();
    assertThat(row(page, root).getByTestId("action-thread")).hasAttribute("aria-label", "在话题中回复");
    assertThat(row(page, root).getByTestId("action-more")).hasAttribute("aria-label", "更多操作");
    act(row(page, root), "thread");
    assertThat(page.locator(".thread-title")).hasText("话题");
    assertThat(page.getByTestId("thread-composer")).hasAttribute("placeholder", "回复…");
    assertThat(page.locator(".thread-also")).hasText("同时发送到 #" + room);
    assertThat(page.getByTestId("thread-send")).hasText("回复");
    replyInThread(page, "我来写更新说明");
    assertThat(page.getByTestId("thread-count")).hasText("1 条回复");
    assertThat(row(page, root).getByTestId("thread-summary")).containsText("1 条回复");
    // The offer to protect the nickname would cover the thread's header in the screenshot.
    Locator later =
        page.locator(".toast .toast-action", new Page.LocatorOptions().setHasText("以后再说"));
    if (later.count() > 0) later.first().click();
    Screenshots.save(page, "chinese-thread-1280");
    narrow(page);
    Screenshots.save(page, "chinese-thread-390");
    page.getByTestId("thread-close").click();
    page.setViewportSize(1280, 800);

    page.getByTestId("threads-button").click();
    assertThat(page.locator("#threads-title")).hasText("话题");
    page.keyboard().press("Escape");
    page.getByTestId("saved-button").click();
    assertThat(page.locator("#saved-title")).hasText("收藏");
    assertThat(page.getByTestId("saved-list")).containsText("还没有收藏");
  }

  @Test
  void theChineseLoginAndChatScreensHaveNoAccessibilityViolations() {
    List<String> found = new ArrayList<>();
    Page page = chinesePage(1280, 800);
    assertThat(page.getByTestId("login-submit")).hasText("进入聊天");
    found.addAll(AccessibilityTest.violations(page, "login zh-CN 1280"));
    login(page, unique("读者"));
    send(page, "你好");
    found.addAll(AccessibilityTest.violations(page, "chat zh-CN 1280"));
    page.setViewportSize(390, 844);
    found.addAll(AccessibilityTest.violations(page, "chat zh-CN 390"));
    assertThat(found).isEmpty();
  }
}
