/**
 * Small things that break trust, walked in headless Chromium against the local API and the fake Zalo: "follow
 * only" says it will not message, and does not; stopping to follow and removing what the phone keeps ask first;
 * a family phone forgets every dossier on request, and drops owner details not looked at for a month; a photo
 * that will not go is named when chosen; the sender's name is hidden from the public unless they say otherwise;
 * the citizen is told when the answer is due; staff see the place the citizen shared, with a map.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";

import { signedFetch } from "../../scripts/lib/signing";
import { vnDisplayDate } from "../../worker/src/domain/time";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { deepLinkPath, ownerViewOf, phoneSuite, slipToken } from "./suite";

const { apiUrl, appUrl, demo, integration } = inject("miniapp");
const SAVED_KEY = `motcua:${demo.provinceId}:dossiers`;
const SESSION_KEY = `motcua:${demo.provinceId}:session`;

const openPhone = phoneSuite();

/** Demo dossiers still open, each test taking its own, with the slip's deep link and the owner view. */
const taken = new Set<string>();
async function openDossier() {
  for (const d of demo.dossiers) {
    if (taken.has(d.code) || (d.status !== 2 && d.status !== 4)) continue;
    const slip = await signedFetch(apiUrl, integration, "GET", `/v1/integration/dossiers/${encodeURIComponent(d.code)}/slip`);
    const { qrContent } = (await slip.json()) as { qrContent: string };
    const view = await ownerViewOf(d.code, slipToken(qrContent));
    if (view.status.code !== 2 && view.status.code !== 4) continue;
    taken.add(d.code);
    return { code: d.code, qrContent, view };
  }
  throw new Error("no open demo dossier left");
}

/** A fresh phone; signed in as `user` of the fake Zalo when one is named. */
async function phoneOn(path: string, user?: string): Promise<Page> {
  const phone = await openPhone();
  await phone.page.goto(user ? `${appUrl}/?devUser=${user}` : appUrl);
  await expect.poll(() => phone.page.getByRole("textbox", { name: "Nhập mã hồ sơ" }).isVisible()).toBe(true);
  if (path !== "/") await phone.page.goto(`${appUrl}${path}`);
  return phone.page;
}

/** The API as the phone's own session sees it. */
async function asPhone<T>(page: Page, path: string, init: RequestInit = {}): Promise<T> {
  const session = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null") as { token: string } | null, SESSION_KEY);
  if (!session) throw new Error("no session on the phone");
  const res = await fetch(`${apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${session.token}`, ...(init.body ? { "content-type": "application/json" } : {}) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}
const followedCodes = async (page: Page) => (await asPhone<{ dossiers: { code: string }[] }>(page, "/v1/me/follows")).dossiers.map((d) => d.code);

const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), SAVED_KEY);

describe("following", () => {
  it("“follow only” says it will not message, records no consent, and is not offered once Zalo messages are on", async () => {
    const dossier = await openDossier();
    const page = await phoneOn(deepLinkPath(dossier.qrContent), "trust-follow-only");
    await expect.poll(() => page.getByRole("button", { name: "Chỉ theo dõi, không nhận tin" }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: "Chỉ theo dõi, không nhận tin" }).click();

    await expect.poll(() => page.getByText(/Ông\/bà sẽ không nhận tin nhắn Zalo về hồ sơ này/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Ông/bà sẽ nhận tin khi hồ sơ có thay đổi").count()).toBe(0);
    await expect.poll(() => page.getByRole("heading", { name: "Đang theo dõi hồ sơ này" }).isVisible()).toBe(true);
    expect(await page.getByText(/^Ông\/bà không nhận tin nhắn Zalo\./).isVisible()).toBe(true);
    await page.locator(".follow-card").scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "40-follow-only").toEqual([]);
    await screenshot(page, "40-follow-only");
    // What it said is what happened: followed, and no consent to be messaged through Zalo.
    expect(await followedCodes(page)).toContain(dossier.code);
    const me = await asPhone<{ consents: { miniapp: unknown; zns: unknown } }>(page, "/v1/me");
    expect(me.consents).toEqual({ miniapp: null, zns: null });

    // Consent is the citizen's, not the dossier's: once given, no dossier is followed "without messages".
    await asPhone(page, "/v1/me/consents/miniapp", {
      method: "PUT",
      body: JSON.stringify({ purpose: "dossier_updates", wording: "Tôi đồng ý nhận tin nhắn Zalo về hồ sơ tôi theo dõi." }),
    });
    const other = await openDossier();
    await page.goto(`${appUrl}${deepLinkPath(other.qrContent)}`);
    await expect.poll(() => page.getByText(/Ông\/bà đang bật tin nhắn Zalo về hồ sơ/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("button", { name: "Chỉ theo dõi, không nhận tin" }).count()).toBe(0);
    await page.getByRole("button", { name: "Theo dõi hồ sơ này" }).click();
    await expect.poll(() => page.getByText("Đã theo dõi hồ sơ. Ông/bà sẽ nhận tin khi hồ sơ có thay đổi.").isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText("Ông/bà nhận tin nhắn Zalo khi hồ sơ có thay đổi.").isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it("stopping asks first: keeping it changes nothing, confirming stops, on the dossier and in Hồ sơ của tôi", async () => {
    const dossier = await openDossier();
    const page = await phoneOn(deepLinkPath(dossier.qrContent), "trust-unfollow");
    await expect.poll(() => page.getByRole("button", { name: "Chỉ theo dõi, không nhận tin" }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: "Chỉ theo dõi, không nhận tin" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Đang theo dõi hồ sơ này" }).isVisible(), { timeout: 15_000 }).toBe(true);

    await page.getByRole("button", { name: "Bỏ theo dõi" }).click();
    const question = page.getByRole("group", { name: "Bỏ theo dõi hồ sơ này?" });
    await expect.poll(() => question.isVisible()).toBe(true);
    expect(await question.getByText(/cần quét mã QR trên giấy hẹn hoặc nhập 4 số cuối CCCD\/CMND/).isVisible()).toBe(true);
    // The question takes the button's place and is what a screen reader reads next.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Bỏ theo dõi hồ sơ này?");
    expect(await smallTextAndTapTargets(page), "41-unfollow-confirm").toEqual([]);
    await screenshot(page, "41-unfollow-confirm");

    await question.getByRole("button", { name: "Không, giữ nguyên" }).click();
    await expect.poll(() => question.count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Đang theo dõi hồ sơ này" }).isVisible()).toBe(true);
    expect(await followedCodes(page)).toContain(dossier.code);

    await page.getByRole("button", { name: "Bỏ theo dõi" }).click();
    await page.getByRole("button", { name: "Có, bỏ theo dõi" }).click();
    await expect.poll(() => page.getByText("Đã bỏ theo dõi hồ sơ.").isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByRole("heading", { name: "Nhận tin về hồ sơ này" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await followedCodes(page)).not.toContain(dossier.code);

    // The same in Hồ sơ của tôi.
    const other = await openDossier();
    await asPhone(page, "/v1/me/follows", { method: "POST", body: JSON.stringify({ code: other.code, t: slipToken(other.qrContent) }) });
    await page.goto(`${appUrl}/my-dossiers`);
    await expect.poll(() => page.getByText(other.code).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: "Bỏ theo dõi" }).click();
    const listed = page.getByRole("group", { name: `Bỏ theo dõi hồ sơ ${other.code}?` });
    await expect.poll(() => listed.isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "42-my-dossiers-confirm").toEqual([]);
    await screenshot(page, "42-my-dossiers-confirm");
    await listed.getByRole("button", { name: "Có, bỏ theo dõi" }).click();
    await expect.poll(() => page.getByText(/chưa theo dõi hồ sơ nào/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Đã bỏ theo dõi hồ sơ.").isVisible()).toBe(true);
    expect(await followedCodes(page)).not.toContain(other.code);
  });
});

describe("what the phone keeps", () => {
  it("removing a dossier asks first; “Quên hồ sơ trên máy này” asks, then leaves nothing in storage", async () => {
    const withSlip = await openDossier();
    const typed = await openDossier();
    const page = await phoneOn(deepLinkPath(withSlip.qrContent));
    await expect.poll(() => page.getByText(withSlip.view.applicant.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    // The phone keeps the dossier after it is shown: leaving before it is written would lose it.
    await expect.poll(async () => (await stored(page)) ?? "").toContain(slipToken(withSlip.qrContent));
    await page.goto(appUrl);
    await page.getByRole("textbox", { name: "Nhập mã hồ sơ" }).fill(typed.code);
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await expect.poll(() => page.getByText(typed.code).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: "Tra cứu hồ sơ khác" }).click();
    await expect.poll(() => page.getByRole("link", { name: new RegExp(withSlip.code.replace(/\./g, "\\.")) }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await stored(page)).toContain(slipToken(withSlip.qrContent));

    // Removing one, from its page: asked, kept, asked again, removed.
    await page.getByRole("link", { name: new RegExp(typed.code.replace(/\./g, "\\.")) }).click();
    await page.getByRole("button", { name: "Xóa hồ sơ này khỏi máy" }).click();
    const removeQuestion = page.getByRole("group", { name: "Xóa hồ sơ này khỏi máy?" });
    await expect.poll(() => removeQuestion.isVisible()).toBe(true);
    await removeQuestion.scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "43-remove-confirm").toEqual([]);
    await screenshot(page, "43-remove-confirm");
    await removeQuestion.getByRole("button", { name: "Không, giữ nguyên" }).click();
    expect(await page.getByRole("button", { name: "Xóa hồ sơ này khỏi máy" }).isVisible()).toBe(true);
    expect(await stored(page)).toContain(typed.code);
    await page.getByRole("button", { name: "Xóa hồ sơ này khỏi máy" }).click();
    await page.getByRole("button", { name: "Có, xóa khỏi máy" }).click();
    await expect.poll(() => page.getByRole("textbox", { name: "Nhập mã hồ sơ" }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await stored(page)) ?? "").not.toContain(typed.code);
    expect(await page.getByText(typed.code).count()).toBe(0);
    expect(await page.getByText(withSlip.code).isVisible()).toBe(true);

    // Forgetting everything: the saved list, the slip token, the owner view.
    expect(await page.getByText(/chỉ giữ trên máy 30 ngày kể từ lần xem cuối/).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Quên hồ sơ trên máy này" }).click();
    const forgetQuestion = page.getByRole("group", { name: "Quên mọi hồ sơ đã xem trên máy này?" });
    await expect.poll(() => forgetQuestion.isVisible()).toBe(true);
    await forgetQuestion.scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "44-forget-confirm").toEqual([]);
    await screenshot(page, "44-forget-confirm");
    await forgetQuestion.getByRole("button", { name: "Có, quên hết" }).click();
    await expect.poll(() => page.getByText("Đã xóa mọi hồ sơ khỏi máy này.").isVisible()).toBe(true);
    expect(await page.getByText(/Chưa có hồ sơ nào/).isVisible()).toBe(true);
    await expect.poll(() => stored(page)).toBeNull();
    const everything = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    for (const trace of [withSlip.code, slipToken(withSlip.qrContent), withSlip.view.applicant.name]) expect(everything).not.toContain(trace);
    // Still gone after the app starts again.
    await page.reload();
    await expect.poll(() => page.getByText(/Chưa có hồ sơ nào/).isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it("owner details not looked at for 31 days leave the phone at the next start; the public status stays", async () => {
    const dossier = await openDossier();
    const page = await phoneOn(deepLinkPath(dossier.qrContent));
    await expect.poll(() => page.getByText(dossier.view.applicant.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await stored(page)) ?? "").toContain(slipToken(dossier.qrContent));

    // The phone last opened it 31 days ago.
    await page.evaluate((key) => {
      const data = JSON.parse(localStorage.getItem(key)!);
      for (const d of data.dossiers) d.openedAt = new Date(Date.now() - 31 * 24 * 3600_000).toISOString();
      localStorage.setItem(key, JSON.stringify(data));
    }, SAVED_KEY);
    await page.goto(appUrl);
    await expect.poll(() => page.getByText(dossier.code).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await stored(page)) ?? "").not.toContain(slipToken(dossier.qrContent));
    const left = (await stored(page))!;
    expect(left).not.toContain(dossier.view.applicant.name);
    expect(left).toContain(dossier.code);

    // Opened from the list, it shows the public view: the owner's details need the slip or the ID digits again.
    await page.getByRole("link", { name: new RegExp(dossier.code.replace(/\./g, "\\.")) }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Xem đầy đủ thông tin hồ sơ" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(dossier.view.applicant.name).count()).toBe(0);
  });
});

describe("feedback", () => {
  const canvasJpeg = async (page: Page) =>
    page.evaluate(async () => {
      const canvas = document.createElement("canvas");
      canvas.width = 320;
      canvas.height = 240;
      const g = canvas.getContext("2d")!;
      g.fillStyle = "#2a7";
      g.fillRect(0, 0, 320, 240);
      const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), "image/jpeg", 0.9));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    });
  // What an iPhone saves by default, and a scan saved as PDF but named like a photo.
  const HEIC = Buffer.from([0x00, 0x00, 0x00, 0x18, ...Buffer.from("ftypheicmif1"), 0, 0, 0, 0]);
  const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n");

  it("names a photo that will not go when it is chosen, hides the name by default, says when the answer is due, and staff see the place with a map", async () => {
    const page = await phoneOn("/feedback", "trust-reporter");
    await page.getByRole("link", { name: "Gửi phản ánh mới" }).click();
    const context = page.context();
    await context.grantPermissions(["geolocation"], { origin: appUrl });
    await context.setGeolocation({ latitude: 19.806712, longitude: 105.785231 });
    await expect.poll(() => page.getByLabel("Lĩnh vực").isVisible(), { timeout: 15_000 }).toBe(true);

    // Hidden from the public unless the citizen unticks it.
    expect(await page.getByLabel("Ẩn tên tôi trong danh sách công khai").isChecked()).toBe(true);

    const jpeg = Buffer.from(await canvasJpeg(page));
    await page.locator('input[type="file"]').setInputFiles([
      { name: "IMG_2031.HEIC", mimeType: "image/heic", buffer: HEIC },
      { name: "cot-den.jpg", mimeType: "image/jpeg", buffer: jpeg },
      { name: "giay-to.jpg", mimeType: "image/jpeg", buffer: PDF },
    ]);
    await expect
      .poll(() => page.getByText("Ảnh “IMG_2031.HEIC” không gửi được: chỉ nhận ảnh JPEG, PNG hoặc WebP.").isVisible(), { timeout: 10_000 })
      .toBe(true);
    // Named by its bytes, not its name: a PDF called .jpg will not go either.
    expect(await page.getByText("Ảnh “giay-to.jpg” không gửi được: chỉ nhận ảnh JPEG, PNG hoặc WebP.").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Bỏ ảnh 1" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Bỏ ảnh 2" }).count()).toBe(0);
    await page.getByText("Ảnh “IMG_2031.HEIC”").scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "45-feedback-photo-refused").toEqual([]);
    await screenshot(page, "45-feedback-photo-refused");

    const text = `Cột đèn đổ nghiêng ra lòng đường trước chợ, lần ${Date.now()}.`;
    await page.getByLabel("Lĩnh vực").selectOption({ label: "Giao thông, hạ tầng" });
    await page.getByLabel("Nội dung phản ánh").fill(text);
    await page.getByLabel("Xã, phường (không bắt buộc)").selectOption({ label: "Phường Hạc Thành" });
    await page.getByLabel("Chia sẻ vị trí hiện tại của tôi").check();
    await expect.poll(() => page.getByText("Đã lấy vị trí.").isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel("Họ tên (không bắt buộc)").fill("Đỗ Văn Hùng");
    await page.getByRole("button", { name: "Gửi phản ánh" }).click();

    await expect.poll(() => page.getByText(/Đã gửi phản ánh PA-\d{6}\. Cơ quan sẽ trả lời chậm nhất ngày/).isVisible(), { timeout: 15_000 }).toBe(true);
    const id = Number(new URL(page.url()).searchParams.get("id"));
    const sent = await asPhone<{ answerDueAt: string; anonymous: boolean; photos: unknown[]; place: unknown }>(page, `/v1/me/feedback/${id}`);
    expect(sent).toMatchObject({ anonymous: true, place: { lat: 19.806712, lng: 105.785231 } });
    expect(sent.photos).toHaveLength(1);
    expect(await page.getByText(`Cơ quan sẽ trả lời chậm nhất ngày ${vnDisplayDate(sent.answerDueAt)};`).isVisible()).toBe(true);
    await screenshot(page, "46-feedback-sent");
    // The citizen's list says it too.
    await page.goto(`${appUrl}/feedback`);
    await expect
      .poll(
        () =>
          page
            .getByText(`Hẹn trả lời: ${vnDisplayDate(sent.answerDueAt)}`)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);

    // The centre's director sees where it is: the commune, the coordinates, a map.
    const staff = await phoneOn("/staff", "lanhdao");
    const section = staff.locator("section[aria-labelledby=staff-feedback]");
    const items = section.locator("> ul > li");
    const item = items.filter({ hasText: text });
    await expect.poll(() => items.first().isVisible(), { timeout: 15_000 }).toBe(true);
    // Open feedback comes oldest first, a page at a time: other tests may have sent plenty.
    for (let more = 0; more < 10 && !(await item.isVisible()); more++) {
      const shown = await items.count();
      await section.getByRole("button", { name: /^Xem thêm/ }).click();
      await expect.poll(() => items.count(), { timeout: 15_000 }).toBeGreaterThan(shown);
    }
    await expect.poll(() => item.isVisible(), { timeout: 15_000 }).toBe(true);
    const place = item.getByRole("group", { name: "Nơi phản ánh" });
    expect(await place.getByText("Xã, phường: Phường Hạc Thành").isVisible()).toBe(true);
    expect(await place.getByText("Vị trí người gửi chia sẻ: 19.806712, 105.785231").isVisible()).toBe(true);
    const map = place.getByRole("link", { name: "Xem bản đồ" });
    expect(await map.getAttribute("href")).toBe("https://www.google.com/maps/search/?api=1&query=19.806712,105.785231");
    // Staff see the name a citizen hid from the public.
    expect(await item.getByText("Đỗ Văn Hùng (ẩn danh với công chúng)").isVisible()).toBe(true);
    expect(await item.getByText(/^Cần trả lời trước \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/).isVisible()).toBe(true);
    await place.scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(staff), "47-staff-place").toEqual([]);
    await screenshot(staff, "47-staff-place");
  });
});
