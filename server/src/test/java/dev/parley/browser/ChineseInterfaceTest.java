package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A browser whose language is Chinese gets Parley in Simplified Chinese (js/i18n/zh-CN.js): the
 * login screen, the chat screen and settings, {@code <html lang="zh-CN">}, times in Chinese, the
 * client's own Chinese sentence for a server's error; English chosen in settings takes effect and
 * is remembered. Screenshots at 1280 and 390 pixels: {@code target/screenshots/chinese-*.png}.
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
