/**
 * "Dữ liệu của tôi" in headless Chromium at 390×844: a signed-in citizen with a followed dossier, a consent and
 * feedback with a photo reads what is held, downloads it as a JSON file (checked as a file: their data and no one
 * else's), and erases it after saying yes; the API then refuses the old session and holds nothing of them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { jpegWithMetadata } from "../worker/image-fixtures";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { phoneSuite, slipOf } from "./suite";

const { apiUrl, appUrl, demo, zaloUrl, zaloAppId } = inject("miniapp");
const openPhone = phoneSuite();

/** A session for Zalo user `userId`, as the mini app gets one: a token from the fake Zalo, exchanged with the API. */
async function sessionOf(userId: string): Promise<string> {
  const tokenRes = await fetch(`${zaloUrl}/__dev/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ appId: zaloAppId, userId }),
  });
  const { accessToken } = (await tokenRes.json()) as { accessToken: string };
  const res = await fetch(`${apiUrl}/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provinceId: demo.provinceId, accessToken }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { sessionToken: string }).sessionToken;
}

function asUser(session: string, path: string, init: RequestInit = {}) {
  return fetch(`${apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${session}`, ...(typeof init.body === "string" ? { "content-type": "application/json" } : {}), ...init.headers },
  });
}

/** A citizen who follows `code` (with its slip), agreed to Zalo messages and sent feedback with one photo. */
async function citizenWithData(userId: string, code: string) {
  const session = await sessionOf(userId);
  const { token } = await slipOf(code);
  expect((await asUser(session, "/v1/me/follows", { method: "POST", body: JSON.stringify({ code, t: token }) })).status).toBe(201);
  const wording = "Tôi đồng ý nhận tin nhắn Zalo về tình trạng hồ sơ hành chính tôi theo dõi.";
  expect((await asUser(session, "/v1/me/consents/miniapp", { method: "PUT", body: JSON.stringify({ purpose: "dossier_updates", wording }) })).status).toBe(200);
  const form = new FormData();
  form.append("category", "environment");
  form.append("text", `Rác thải tồn đọng ở đầu ngõ 7 phố Trần Phú nhiều ngày chưa được thu gom (${userId}).`);
  form.append("photos", new File([new Uint8Array(jpegWithMetadata())], "rac.jpg", { type: "image/jpeg" }));
  expect((await asUser(session, "/v1/me/feedback", { method: "POST", body: form })).status).toBe(201);
  // The "received" message reaches the citizen through the queue: wait for it, as the page would show it then.
  const messages = async () => ((await (await asUser(session, "/v1/me/data")).json()) as { messages: unknown[] }).messages.length;
  await expect.poll(messages, { timeout: 20_000 }).toBeGreaterThan(0);
  return session;
}

describe("Dữ liệu của tôi", () => {
  it("shows what is held, downloads it as a JSON file, and erases it after asking", async () => {
    const open = demo.dossiers.filter((d) => d.status === 2 || d.status === 4);
    const [mine, theirs] = [open[open.length - 1]!.code, open[open.length - 2]!.code];
    const user = `browser-privacy-${Date.now().toString(36)}`;
    const session = await citizenWithData(user, mine);
    await citizenWithData(`${user}-other`, theirs);

    const phone = await openPhone();
    const page = phone.page;
    await page.goto(`${appUrl}/?devUser=${user}`);
    await page.getByRole("link", { name: /Dữ liệu của tôi/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Ứng dụng đang lưu" }).isVisible(), { timeout: 15_000 }).toBe(true);
    const count = (label: string) => page.locator(".held-count", { hasText: label }).locator("dd").textContent();
    expect(await count("Hồ sơ đang theo dõi")).toBe("1");
    expect(await count("Phản ánh, kiến nghị")).toBe("1");
    expect(await count("Ảnh đính kèm")).toBe("1");
    expect(await count("Đồng ý nhận tin")).toBe("1");
    expect(await page.getByText(mine).first().isVisible()).toBe(true);
    expect(await page.getByText(theirs).count()).toBe(0);
    expect(await smallTextAndTapTargets(page)).toEqual([]);
    await screenshot(page, "60-my-data");
    await page.getByRole("region", { name: "Tin nhắn" }).scrollIntoViewIfNeeded();
    expect(await page.getByText("Đã tiếp nhận phản ánh, kiến nghị").first().isVisible()).toBe(true);
    await screenshot(page, "60-my-data-lists");
    // How long each kind of data is kept, with the demo province's months for closed dossiers.
    const retention = page.getByRole("region", { name: "Thời gian lưu trữ" });
    await retention.scrollIntoViewIfNeeded();
    expect(await retention.getByText("sau 12 tháng, họ tên người nộp", { exact: false }).isVisible()).toBe(true);
    expect(await retention.getByText("Tin nhắn đã gửi: xóa sau 90 ngày.").isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page)).toEqual([]);
    await screenshot(page, "60-my-data-retention");

    // The export: a real download of a JSON file named for today in Vietnam, holding this citizen's data only.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải dữ liệu (JSON)" }).click()]);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(`motcua-du-lieu-${today}.json`);
    const file = readFileSync((await download.path())!, "utf8");
    const exported = JSON.parse(file);
    expect(exported.follows.map((f: { dossierCode: string }) => f.dossierCode)).toEqual([mine]);
    expect(exported.consents).toHaveLength(1);
    expect(exported.feedback).toHaveLength(1);
    expect(exported.feedback[0].photos).toHaveLength(1);
    expect(exported.account.provinceId).toBe(demo.provinceId);
    expect(file).not.toContain(theirs);
    expect(file).not.toContain(`${user}-other`);
    await expect.poll(() => page.getByText("Đã tải tệp về máy.").isVisible()).toBe(true);

    // Erasing asks first, says what goes and what stays, then shows what was removed.
    await page.getByRole("button", { name: "Xóa dữ liệu của tôi" }).click();
    expect(await page.getByText("Xóa toàn bộ dữ liệu của ông/bà?").isVisible()).toBe(true);
    expect(await page.getByText(/Đánh giá được giữ lại không kèm tên/).isVisible()).toBe(true);
    await screenshot(page, "61-my-data-erase-question");
    await page.getByRole("button", { name: "Có, xóa dữ liệu" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Đã xóa dữ liệu của ông/bà" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Hồ sơ đang theo dõi: đã xóa 1").isVisible()).toBe(true);
    expect(await page.getByText("Ảnh đính kèm: đã xóa 1").isVisible()).toBe(true);
    // Only what was there is listed: this citizen asked no question.
    expect(await page.getByText(/Câu hỏi: đã xóa/).count()).toBe(0);
    expect(await smallTextAndTapTargets(page)).toEqual([]);
    await screenshot(page, "62-my-data-erased");

    // The API agrees: the old session is over, and the same Zalo account now starts from nothing.
    expect((await asUser(session, "/v1/me/data")).status).toBe(401);
    const fresh = (await (await asUser(await sessionOf(user), "/v1/me/data")).json()) as Record<string, unknown[]>;
    expect(fresh).toMatchObject({ follows: [], consents: [], messages: [], feedback: [] });

    await page.getByRole("button", { name: "Về trang chủ" }).click();
    await expect.poll(() => page.getByRole("textbox", { name: "Nhập mã hồ sơ" }).isVisible()).toBe(true);
  });
});
