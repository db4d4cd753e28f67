import { describe, expect, it } from "vitest";
import { alertsFor, alertTone, firstSentence } from "../../miniapp/src/domain/alerts";
import { MAX_CHOSEN_COMMUNES, matchCommunes, sameChoice } from "../../miniapp/src/domain/communes";
import { safeAppPath } from "../../miniapp/src/domain/inbox";
import { isNewsPage, isNewsPost, keepCopy, readCopy } from "../../miniapp/src/domain/saved-news";
import { MAX_CHOSEN_COMMUNES as API_MAX } from "../../worker/src/schemas/news";

describe("an alert's banner", () => {
  it("is red for Extreme and Severe, orange for Moderate, yellow for Minor, Unknown and anything else", () => {
    expect(["Extreme", "Severe", "Moderate", "Minor", "Unknown", "?"].map(alertTone)).toEqual(["red", "red", "orange", "yellow", "yellow", "yellow"]);
  });

  it("says the instruction's first sentence, whole, or cut at a word when it runs long", () => {
    expect(firstSentence("Di chuyển lên chỗ cao ngay. Không đi qua ngầm, tràn.")).toBe("Di chuyển lên chỗ cao ngay.");
    expect(firstSentence("Sơ tán khẩn cấp!  Mang theo giấy tờ.")).toBe("Sơ tán khẩn cấp!");
    expect(firstSentence("Ở trong nhà\nĐóng cửa sổ")).toBe("Ở trong nhà");
    // A dot inside a number is not the end of a sentence.
    expect(firstSentence("Mực nước 3.5 m, tránh xa bờ sông")).toBe("Mực nước 3.5 m, tránh xa bờ sông");
    expect(firstSentence(null)).toBe("");
    const long = firstSentence(`${"rất ".repeat(60)}xa.`, 40);
    expect(long.length).toBeLessThanOrEqual(41);
    expect(long).toMatch(/^rất( rất)*…$/);
  });

  it("shows the alerts touching a chosen commune, or every one when none is chosen", () => {
    const river = { id: 1, areas: [{ communes: ["15853"] }, { communes: ["15856"] }] };
    const hill = { id: 2, areas: [{ communes: ["16000"] }] };
    expect(alertsFor([river, hill], ["15856"])).toEqual([river]);
    expect(alertsFor([river, hill], ["99999"])).toEqual([]);
    expect(alertsFor([river, hill], [])).toEqual([river, hill]);
  });
});

describe("choosing communes", () => {
  const communes = [
    { code: "1", name: "Phường Hạc Thành" },
    { code: "2", name: "Xã Thành Vinh" },
    { code: "3", name: "Phường Hàm Rồng" },
    { code: "4", name: "Xã Đông Thành" },
  ];

  it("finds a commune by the start of its words, diacritics optional, its own name first", () => {
    expect(matchCommunes(communes, "hac thanh").map((c) => c.code)).toEqual(["1"]);
    expect(matchCommunes(communes, "Hạc Th").map((c) => c.code)).toEqual(["1"]);
    expect(matchCommunes(communes, "dong").map((c) => c.code)).toEqual(["4"]);
    // "thanh" starts Xã Thành Vinh's own name, so it comes before the places where it is a later word.
    expect(matchCommunes(communes, "thanh").map((c) => c.code)).toEqual(["2", "1", "4"]);
    expect(matchCommunes(communes, "anh")).toEqual([]);
    expect(matchCommunes(communes, "  ")).toEqual([]);
  });

  it("allows as many as the API does", () => {
    expect(MAX_CHOSEN_COMMUNES).toBe(API_MAX);
  });

  it("knows when a choice changed, whatever the order", () => {
    const saved = [
      { code: "1", purpose: "home" },
      { code: "2", purpose: "family" },
    ];
    expect(sameChoice([saved[1]!, saved[0]!], saved)).toBe(true);
    expect(sameChoice([{ code: "1", purpose: "work" }, saved[1]!], saved)).toBe(false);
    expect(sameChoice([saved[0]!], saved)).toBe(false);
  });
});

describe("the news kept on the phone", () => {
  const page = { news: [{ id: "a", title: "Tin" }], next: null };

  it("reads back what was kept with when it was fetched", () => {
    const at = new Date(Date.now() - 3_600_000);
    expect(readCopy(keepCopy(page, at), isNewsPage)).toEqual({ value: page, fetchedAt: at.toISOString() });
    const post = { id: "a", title: "Tin", paragraphs: [] };
    expect(readCopy(keepCopy(post, at), isNewsPost)?.value).toEqual(post);
  });

  it("ignores anything else storage may hold", () => {
    expect(readCopy(null, isNewsPage)).toBeNull();
    expect(readCopy("{", isNewsPage)).toBeNull();
    expect(readCopy(JSON.stringify({ value: page }), isNewsPage)).toBeNull();
    expect(readCopy(JSON.stringify({ value: { news: [{ id: 1 }] }, fetchedAt: new Date().toISOString() }), isNewsPage)).toBeNull();
    expect(readCopy(keepCopy(page, new Date()), isNewsPost)).toBeNull();
  });
});

describe("a message's button", () => {
  it("opens the alert and news pages, and still nothing outside the app", () => {
    expect(safeAppPath("/alert?id=42")).toBe("/alert?id=42");
    expect(safeAppPath("/news/item?id=tin-2026-0042")).toBe("/news/item?id=tin-2026-0042");
    expect(safeAppPath("/")).toBe("/");
    expect(safeAppPath("//evil.example/x")).toBe("/");
    expect(safeAppPath("/news//evil")).toBe("/");
    expect(safeAppPath("/news/")).toBe("/");
  });
});
