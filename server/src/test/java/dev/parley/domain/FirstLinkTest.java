package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which link of a message gets a preview, and how a page's text is kept. */
class FirstLinkTest {

  @Test
  void theFirstHttpOrHttpsLinkWithoutTheSentencesPunctuation() {
    assertThat(LinkPreviews.firstLink("see https://example.com/a, and http://b.org"))
        .isEqualTo("https://example.com/a");
    assertThat(LinkPreviews.firstLink("(https://en.wikipedia.org/wiki/Foo_(bar))."))
        .isEqualTo("https://en.wikipedia.org/wiki/Foo_(bar)");
    assertThat(LinkPreviews.firstLink("[docs](https://example.com/docs)"))
        .isEqualTo("https://example.com/docs");
    assertThat(LinkPreviews.firstLink("<https://example.com/x?y=1&z=2>"))
        .isEqualTo("https://example.com/x?y=1&z=2");
    assertThat(LinkPreviews.firstLink("HTTPS://EXAMPLE.COM/")).isEqualTo("HTTPS://EXAMPLE.COM/");
  }

  @Test
  void linksWrittenAsCodeDoNotCount() {
    assertThat(
            LinkPreviews.firstLink(
                "run `curl https://internal.example/x` then see https://docs.example/y"))
        .isEqualTo("https://docs.example/y");
    assertThat(
            LinkPreviews.firstLink(
                "```\ncurl http://10.0.0.1/admin\n```\nand ~~~\nhttps://a.example\n~~~"))
        .isNull();
    assertThat(LinkPreviews.firstLink("```sh\nunclosed https://a.example")).isNull();
  }

  @Test
  void noLinkNoPreview() {
    assertThat(LinkPreviews.firstLink("ftp://example.com/x mailto:a@b.c javascript:alert(1)"))
        .isNull();
    assertThat(LinkPreviews.firstLink("just words, http:// and https://")).isNull();
    assertThat(LinkPreviews.firstLink("https://" + "a".repeat(3000))).isNull();
  }

  @Test
  void pageTextIsOneLineWithoutControlsAndCut() {
    assertThat(LinkPreviews.cut("  A\n\ttitle\u200b\u0007 here ", 100)).isEqualTo("A title here");
    assertThat(LinkPreviews.cut("x".repeat(500), LinkPreview.MAX_TITLE))
        .hasSize(LinkPreview.MAX_TITLE + 1)
        .endsWith("…");
  }

  @Test
  void aTextWithoutASchemeSeparatorHasNoLinkAndAnUppercaseSchemeStillCounts() {
    assertThat(LinkPreviews.firstLink("see example.com and www.example.org")).isNull();
    assertThat(LinkPreviews.firstLink(null)).isNull();
    assertThat(LinkPreviews.firstLink("HTTPS://Example.com/A")).isEqualTo("HTTPS://Example.com/A");
  }
}
