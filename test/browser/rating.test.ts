/**
 * Rating after pickup in headless Chromium against the local API: the slip's QR opens a returned dossier as its
 * owner on a phone that never signed in nor followed it, the rating card waits at the top, a question left
 * unanswered is marked and focused, and the dossier is rated once. A phone with no proof is asked for one on the
 * rate page itself.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import type { RatingForm } from "../../miniapp/src/api/types";
import { signedFetch } from "../../scripts/lib/signing";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { phoneSuite, slipOf } from "./suite";

const { apiUrl, appUrl, demo, integration } = inject("miniapp");

const openPhone = phoneSuite();

async function freshPhone(): Promise<Page> {
  return (await openPhone()).page;
}

/** The survey as the API gives it to the slip's holder: the oracle for what the page shows. */
async function formFor(code: string, token: string): Promise<RatingForm> {
  const res = await fetch(`${apiUrl}/v1/dossiers/${encodeURIComponent(code)}/rating?t=${encodeURIComponent(token)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as RatingForm;
}

async function ratingsTotal(): Promise<number> {
  const res = await signedFetch(apiUrl, integration, "GET", "/v1/integration/ratings/summary");
  return ((await res.json()) as { total: { total: number } }).total.total;
}

/**
 * A returned demo dossier nobody has rated yet, as the API holds it now: other files rate some too, in whatever
 * order vitest runs them, so this takes them from the end of the list.
 */
async function unratedReturned() {
  for (const d of [...demo.dossiers].reverse().filter((x) => x.status === 10 && !x.rated)) {
    const { qrContent, token } = await slipOf(d.code);
    const form = await formFor(d.code, token);
    if (form.canRate) return { code: d.code, qrContent, token, form };
  }
  throw new Error("no returned demo dossier is left unrated");
}

/** Where Zalo's camera opens the mini app for a slip's QR: /dossier?code=…&t=…. */
const slipLink = (qrContent: string) => `${appUrl}${new URL(qrContent).pathname.replace(/^\/s\/[^/]+/, "")}${new URL(qrContent).search}`;

/** The cards of the page in order, by their headings. */
const cardTitles = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelectorAll("section.card")).map((s) => s.querySelector("h2")?.textContent?.trim() ?? ""));

describe("rating with the slip's QR after pickup", () => {
  it("a phone that never signed in rates a returned dossier from its QR, once; a question left unanswered is marked and focused", async () => {
    const { code, qrContent, token, form } = await unratedReturned();
    const before = await ratingsTotal();
    const page = await freshPhone();
    const posts: { path: string; authorization?: string; body: Record<string, unknown> }[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/rating"))
        posts.push({ path: new URL(r.url()).pathname, authorization: r.headers().authorization, body: r.postDataJSON() });
    });
    await page.goto(slipLink(qrContent));

    const card = page.locator("section.rating-card");
    await expect.poll(() => card.getByRole("link", { name: "Đánh giá", exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    // At the top: right after the status, before anything else on the page.
    const titles = await cardTitles(page);
    expect(titles.indexOf("Đánh giá mức độ hài lòng")).toBe(1);
    expect(await card.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThan(844);
    expect(await smallTextAndTapTargets(page), "40-dossier-rate-card").toEqual([]);
    await screenshot(page, "40-dossier-rate-card");

    await card.getByRole("link", { name: "Đánh giá", exact: true }).click();
    await expect.poll(() => page.getByRole("radio", { name: "Rất hài lòng" }).isVisible(), { timeout: 15_000 }).toBe(true);
    // Whether it came early, on time or late is shown as known, not asked.
    const known = form.known.find((k) => k.id === "timeVsLimit")!;
    expect(await page.getByText(known.valueLabel, { exact: true }).isVisible()).toBe(true);
    for (const asked of ["Sớm hơn hẹn", "Đúng hẹn", "Trễ hẹn"]) expect(await page.getByRole("radio", { name: asked }).count()).toBe(0);
    expect(await page.getByRole("radiogroup").count()).toBe(form.questions.length);

    // Everything but the officer's attitude.
    for (const answer of ["Không phải đi lại thêm", "1 cơ quan", "Có", "Thuận tiện", "Hài lòng"]) {
      await page.getByRole("radio", { name: answer, exact: true }).check();
    }
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    const attitude = page.getByRole("radiogroup", { name: "Thái độ của cán bộ tiếp nhận, trả kết quả" });
    await expect.poll(() => attitude.getAttribute("aria-invalid")).toBe("true");
    expect(await attitude.getByText("Ông/bà chưa chọn câu trả lời cho câu này.").isVisible()).toBe(true);
    expect(await page.getByRole("alert").filter({ hasText: "Còn 1 câu chưa trả lời" }).isVisible()).toBe(true);
    // Focus on the first answer of the unanswered question, and only that question marked.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("attitude");
    expect(await page.evaluate(() => document.activeElement?.closest("label")?.textContent)).toBe("Lịch sự, tận tình");
    expect(await page.locator('[role="radiogroup"][aria-invalid="true"]').count()).toBe(1);
    expect(await ratingsTotal()).toBe(before);
    expect(await smallTextAndTapTargets(page), "41-rate-missing").toEqual([]);
    await screenshot(page, "41-rate-missing");

    await page.getByRole("radio", { name: "Lịch sự, tận tình", exact: true }).check();
    await expect.poll(() => attitude.getAttribute("aria-invalid")).toBe(null);
    expect(await page.getByText("Còn 1 câu chưa trả lời", { exact: false }).count()).toBe(0);
    await page.getByLabel("Góp ý thêm (không bắt buộc)").fill("Cán bộ trả kết quả hướng dẫn rõ ràng.");
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();

    await expect.poll(() => page.getByRole("heading", { name: "Cảm ơn ông/bà đã đánh giá!" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Cán bộ trả kết quả hướng dẫn rõ ràng.").isVisible()).toBe(true);
    await screenshot(page, "42-rate-thanks");
    expect(await ratingsTotal()).toBe(before + 1);
    // One rating sent, with the slip's token in the body (not the address), no session, and no time question.
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ path: `/v1/dossiers/${encodeURIComponent(code)}/rating`, authorization: undefined, body: { t: token } });
    expect(posts[0]!.body).not.toHaveProperty("timeVsLimit");
    const rated = await formFor(code, token);
    expect(rated).toMatchObject({ canRate: false, reason: "already_rated" });
    expect(rated.rating!.answers).toMatchObject({ attitude: "courteous", overall: "satisfied", timeVsLimit: known.value });
    // Rated without ever signing in: no session on the phone.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(":session")))).toEqual([]);

    // Reopened later, without the QR: the slip kept on the phone shows it was rated.
    await page.goto(`${appUrl}/dossier?code=${encodeURIComponent(code)}`);
    await expect.poll(() => card.getByText("Ông/bà đã đánh giá hồ sơ này. Xin cảm ơn!").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await card.getByRole("link", { name: "Đánh giá", exact: true }).count()).toBe(0);
    await screenshot(page, "43-dossier-rated");
    await page.goto(`${appUrl}/rate?code=${encodeURIComponent(code)}`);
    await expect.poll(() => page.getByRole("heading", { name: "Cảm ơn ông/bà đã đánh giá!" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("button", { name: "Gửi đánh giá" }).count()).toBe(0);
  });

  it("a dossier ready but not yet picked up keeps the top for going to get it; the rating card waits lower", async () => {
    const ready = demo.dossiers.find((d) => d.status === 9);
    expect(ready, "the demo has a dossier whose result is ready").toBeDefined();
    const { qrContent } = await slipOf(ready!.code);
    const page = await freshPhone();
    await page.goto(slipLink(qrContent));
    await expect.poll(() => page.locator("section.rating-card").isVisible(), { timeout: 15_000 }).toBe(true);
    const titles = await cardTitles(page);
    expect(titles.indexOf("Đánh giá mức độ hài lòng")).toBeGreaterThan(1);
  });
});

describe("the rate page without proof", () => {
  it("offers the last 4 digits right there, and then shows the dossier's survey", async () => {
    const rated = demo.dossiers.find((d) => d.status === 10 && d.rated)!;
    const page = await freshPhone();
    await page.goto(`${appUrl}/rate?code=${encodeURIComponent(rated.code)}`);
    await expect.poll(() => page.getByRole("heading", { name: "Xác nhận ông/bà là người nộp hồ sơ" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Bạn chưa theo dõi", { exact: false }).count()).toBe(0);
    expect(await smallTextAndTapTargets(page), "44-rate-prove").toEqual([]);
    await screenshot(page, "44-rate-prove");

    await page.getByRole("textbox", { name: "4 số cuối CCCD/CMND" }).fill(rated.idLast4);
    await page.getByRole("button", { name: "Xem đầy đủ" }).click();
    // The demo's citizens rated this one already: the page says so instead of asking again.
    await expect.poll(() => page.getByRole("heading", { name: "Cảm ơn ông/bà đã đánh giá!" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("button", { name: "Gửi đánh giá" }).count()).toBe(0);
  });
});
