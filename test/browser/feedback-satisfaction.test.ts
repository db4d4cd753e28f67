/**
 * The citizen's word on an answer to their feedback, in headless Chromium against the local API and the fake Zalo:
 * no question before the agency answers; after it, "Ông/bà có hài lòng với trả lời này không?" with two large
 * buttons; the choice thanks them, says the feedback can still be sent again, and stays after a reload, asked once.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_ADMIN_DEV_USER, signIn } from "../../scripts/lib/demo-voice";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { phoneSignedInAs, phoneSuite } from "./suite";

const { apiUrl, appUrl, zaloUrl, zaloAppId } = inject("miniapp");

const openPhone = phoneSuite();

const CITIZEN = "browser-answer-rater";
const QUESTION = "Ông/bà có hài lòng với trả lời này không?";

async function call<T>(method: string, path: string, session: string, body?: unknown): Promise<{ status: number; body: T }> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${session}` } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const res = await fetch(`${apiUrl}${path}`, init);
  return { status: res.status, body: (await res.json()) as T };
}

const TEXT = "Cống thoát nước trước chợ Vườn Hoa bị tắc, nước tràn ra đường mỗi khi mưa.";

/** The citizen's feedback page, opened from Phản ánh của tôi as they get there (the list read afresh). */
async function openMine(page: Page) {
  await page.goto(`${appUrl}/feedback`);
  const link = page.getByRole("link", { name: /Cống thoát nước trước chợ Vườn Hoa/ });
  await expect.poll(() => link.isVisible(), { timeout: 15_000 }).toBe(true);
  await link.click();
  await expect.poll(() => page.locator(".feedback-text", { hasText: TEXT }).isVisible(), { timeout: 15_000 }).toBe(true);
}

type MyFeedback = { id: number; answerSatisfied: boolean | null; canRateAnswer: boolean };

describe("satisfaction with the answer to a feedback", () => {
  it("is asked once the agency answers; the citizen's choice is thanked, kept after a reload, and cannot be given twice", async () => {
    const zalo = { apiUrl, zaloUrl, appId: zaloAppId };
    const citizen = await signIn(zalo, CITIZEN);
    const form = new FormData();
    form.append("category", "environment");
    form.append("text", TEXT);
    const sent = await call<MyFeedback>("POST", "/v1/me/feedback", citizen, form);
    expect(sent.status).toBe(201);
    const id = sent.body.id;

    // Not answered yet: nothing to rate.
    const page = await phoneSignedInAs(openPhone, CITIZEN, "/feedback");
    await openMine(page);
    expect(await page.getByText(QUESTION).count()).toBe(0);

    // The centre's director answers it.
    const director = await signIn(zalo, DEMO_ADMIN_DEV_USER);
    const answerText = "Công ty Môi trường đô thị đã nạo vét cống trước chợ Vườn Hoa; ông/bà báo lại nếu còn ngập.";
    const answered = await call("POST", `/v1/staff/feedback/${id}/answer`, director, { text: answerText });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);

    await openMine(page);
    await expect.poll(() => page.getByRole("heading", { name: QUESTION }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(answerText).isVisible()).toBe(true);
    await page.getByRole("heading", { name: QUESTION }).scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "90-feedback-answer-question").toEqual([]);
    await screenshot(page, "90-feedback-answer-question");

    await page.getByRole("button", { name: "Chưa hài lòng" }).click();
    await expect.poll(() => page.getByText("Cảm ơn ông/bà đã cho biết ý kiến.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Ông/bà đã cho biết: Chưa hài lòng với trả lời này.").isVisible()).toBe(true);
    // Reopening stays possible: said, and the button is there.
    expect(await page.getByText(/vẫn có thể gửi lại phản ánh/).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Chưa giải quyết, gửi lại" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Hài lòng", exact: true }).count()).toBe(0);
    expect(await smallTextAndTapTargets(page), "91-feedback-answer-rated").toEqual([]);
    await screenshot(page, "91-feedback-answer-rated");

    // Stored: the API says so, and the page loaded afresh shows what was said without asking again.
    const mine = await call<MyFeedback>("GET", `/v1/me/feedback/${id}`, citizen);
    expect(mine.body).toMatchObject({ answerSatisfied: false, canRateAnswer: false });
    await openMine(page);
    await expect.poll(() => page.getByText("Ông/bà đã cho biết: Chưa hài lòng với trả lời này.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(QUESTION).count()).toBe(0);
    expect(await page.getByText("Cảm ơn ông/bà đã cho biết ý kiến.").count()).toBe(0);

    // Once per feedback.
    const again = await call<{ error: { code: string } }>("PUT", `/v1/me/feedback/${id}/satisfaction`, citizen, { satisfied: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_rated");
  });
});
