import { describe, expect, it } from "vitest";
import { decodeFeedCursor, encodeFeedCursor, linksIn, newsParagraphs } from "../../worker/src/domain/news";

describe("a news body as paragraphs", () => {
  it("splits on blank lines (with spaces or CRLF in them), joins a paragraph's lines and drops empty ones", () => {
    const body = "Dòng một\r\ndòng hai\r\n \r\nĐoạn hai\n\n\n\n  Đoạn ba  ";
    expect(newsParagraphs(body).map((p) => p.text)).toEqual(["Dòng một dòng hai", "Đoạn hai", "Đoạn ba"]);
  });

  it("links bare https URLs only, without the sentence's punctuation after them", () => {
    expect(linksIn("Xem https://dichvucong.gov.vn/p/home. hoặc (https://a.gov.vn/x?y=1), rồi https://b.vn/c;")).toEqual([
      { text: "https://dichvucong.gov.vn/p/home", url: "https://dichvucong.gov.vn/p/home" },
      { text: "https://a.gov.vn/x?y=1", url: "https://a.gov.vn/x?y=1" },
      { text: "https://b.vn/c", url: "https://b.vn/c" },
    ]);
    expect(linksIn("http://khong-an-toan.vn javascript:alert(1) https://localhost ftp://x.vn")).toEqual([]);
    // Markup stays text: a URL inside it is a link to exactly that URL, shown as itself.
    expect(linksIn('<a href="https://lua-dao.vn">bấm vào đây</a>')).toEqual([{ text: "https://lua-dao.vn", url: "https://lua-dao.vn" }]);
  });
});

describe("the feed's cursor", () => {
  it("carries a position back unchanged and refuses anything it did not make", () => {
    const at = { publishedAt: "2026-11-23T02:30:00.000Z", id: "tin-ưu-tiên" };
    expect(decodeFeedCursor(encodeFeedCursor(at))).toEqual(at);
    expect(encodeFeedCursor(at)).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const bad of ["", "nope!", btoa("[1,2]"), btoa('["not a time","x"]'), btoa('{"publishedAt":"2026-11-23T02:30:00Z"}')]) {
      expect(decodeFeedCursor(bad)).toBeNull();
    }
  });
});
