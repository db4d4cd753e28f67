/**
 * The citizen's voice in headless Chromium against the local API and the fake Zalo: a citizen rates a returned
 * demo dossier, sends feedback with a real photo, and asks the handling officer a question that the officer,
 * signed in as another dev user and linked with a code from the one-stop system, answers in the staff area.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import type { OwnerDossier } from "../../miniapp/src/api/types";
import { signIn } from "../../scripts/lib/demo-voice";
import { signedFetch } from "../../scripts/lib/signing";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { browserJpeg, ownerViewOf, phoneSignedInAs, phoneSuite, slipOf } from "./suite";

const { apiUrl, appUrl, demo, integration, zaloUrl, zaloAppId } = inject("miniapp");

const openPhone = phoneSuite();

/** A phone signed in as dev user `user` of the fake Zalo, on `path`. */
const phoneOf = (user: string, path: string): Promise<Page> => phoneSignedInAs(openPhone, user, path);

/** Opens a dossier from its slip's deep link and follows it without Zalo messages. */
async function followFromSlip(page: Page, qrContent: string) {
  await page.goto(`${appUrl}/dossier${new URL(qrContent).search}`);
  await page.getByRole("button", { name: "Chỉ theo dõi, không nhận tin" }).click();
  await expect.poll(() => page.getByText("Đã theo dõi hồ sơ.").isVisible(), { timeout: 15_000 }).toBe(true);
}

async function ratingsTotal(): Promise<number> {
  const res = await signedFetch(apiUrl, integration, "GET", "/v1/integration/ratings/summary");
  return ((await res.json()) as { total: { total: number } }).total.total;
}

describe("rating after pickup", () => {
  it("a follower whose phone no longer holds a token rates from the returned message's link, once", async () => {
    // One nobody has rated yet as the API holds it now: other files rate returned demo dossiers too.
    let returned: { code: string; qrContent: string } | undefined;
    for (const d of demo.dossiers.filter((x) => x.status === 10 && !x.rated)) {
      const { qrContent, token } = await slipOf(d.code);
      const form = (await (await fetch(`${apiUrl}/v1/dossiers/${encodeURIComponent(d.code)}/rating?t=${token}`)).json()) as { canRate: boolean };
      if (form.canRate) {
        returned = { code: d.code, qrContent };
        break;
      }
    }
    expect(returned).toBeDefined();
    const { code, qrContent } = returned!;
    const before = await ratingsTotal();
    const page = await phoneOf("browser-rater", "/");
    await followFromSlip(page, qrContent);
    // As when the view token it followed with has expired: only the follow proves ownership now.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage).filter((k) => k.endsWith(":dossiers"))) {
        const saved = JSON.parse(localStorage.getItem(key)!) as { dossiers: Record<string, unknown>[] };
        for (const d of saved.dossiers) {
          delete d.slipToken;
          delete d.viewToken;
        }
        localStorage.setItem(key, JSON.stringify(saved));
      }
    });

    const ratingCalls: string[] = [];
    page.on("request", (r) => r.url().includes("/rating") && ratingCalls.push(`${r.method()} ${new URL(r.url()).pathname}`));
    // The "Đã trả kết quả" message's button opens the rate page.
    await page.goto(`${appUrl}/rate?code=${encodeURIComponent(code)}`);
    await expect.poll(() => page.getByRole("radio", { name: "Rất hài lòng" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await smallTextAndTapTargets(page), "30-rate").toEqual([]);
    await screenshot(page, "30-rate");
    // Sending with every question unanswered says how many, marks them all, and sends nothing.
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect.poll(() => page.getByText("Còn 6 câu chưa trả lời", { exact: false }).isVisible()).toBe(true);
    expect(await page.locator('[role="radiogroup"][aria-invalid="true"]').count()).toBe(6);
    for (const answer of ["Không phải đi lại thêm", "1 cơ quan", "Có", "Lịch sự, tận tình", "Thuận tiện", "Rất hài lòng"]) {
      await page.getByRole("radio", { name: answer, exact: true }).check();
    }
    await page.getByLabel("Góp ý thêm (không bắt buộc)").fill("Thủ tục nhanh gọn.");
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Cảm ơn ông/bà đã đánh giá!" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Thủ tục nhanh gọn.").isVisible()).toBe(true);
    expect(await ratingsTotal()).toBe(before + 1);
    expect(ratingCalls.filter((c) => c.startsWith("POST"))).toEqual([`POST /v1/me/dossiers/${encodeURIComponent(code)}/rating`]);

    // The dossier page, opened as the follower's owner view, now says it was rated, at the top.
    await page.getByRole("link", { name: "Về trang hồ sơ" }).click();
    await expect.poll(() => page.getByText("Ông/bà đã đánh giá hồ sơ này. Xin cảm ơn!").isVisible(), { timeout: 15_000 }).toBe(true);
  });
});

describe("feedback", () => {
  it("a citizen sends feedback with a photo and sees it, photo included, in their list", async () => {
    const page = await phoneOf("browser-reporter", "/feedback");
    await page.getByRole("link", { name: "Gửi phản ánh mới" }).click();
    await expect.poll(() => page.getByLabel("Lĩnh vực").isVisible(), { timeout: 15_000 }).toBe(true);
    // A real photo, made by the browser itself.
    const jpeg = await browserJpeg(page, 640, 480);
    await page.getByLabel("Lĩnh vực").selectOption({ label: "Giao thông, hạ tầng" });
    await page.getByLabel("Nội dung phản ánh").fill("Ổ gà lớn trước số 45 đường Bà Triệu, xe máy rất dễ ngã.");
    await page.getByLabel("Xã, phường (không bắt buộc)").selectOption({ label: "Phường Hạc Thành" });
    await page.locator('input[type="file"]').setInputFiles({ name: "o-ga.jpg", mimeType: "image/jpeg", buffer: jpeg });
    await expect.poll(() => page.getByRole("button", { name: "Bỏ ảnh 1" }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await smallTextAndTapTargets(page), "31-feedback-new").toEqual([]);
    await screenshot(page, "31-feedback-new");
    await page.getByRole("button", { name: "Gửi phản ánh" }).click();

    await expect.poll(() => page.getByText(/Đã gửi phản ánh PA-\d{6}/).isVisible(), { timeout: 15_000 }).toBe(true);
    const photo = page.getByRole("img", { name: "Ảnh 1" });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(640);
    expect(await page.getByText("Phường Hạc Thành").isVisible()).toBe(true);
    await screenshot(page, "32-feedback-item");

    await page.goto(`${appUrl}/feedback`);
    await expect.poll(() => page.getByText(/Ổ gà lớn trước số 45/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Đã tiếp nhận").first().isVisible()).toBe(true);
  });
});

describe("a question to the handling officer", () => {
  it("the citizen asks on the dossier page, the officer answers in the staff area, the citizen sees the answer", async () => {
    // An open demo dossier with a handling officer.
    let found: { code: string; qrContent: string; officer: NonNullable<OwnerDossier["officer"]> } | undefined;
    for (const d of demo.dossiers.filter((x) => x.status === 2 || x.status === 4)) {
      const { qrContent, token } = await slipOf(d.code);
      const { officer } = await ownerViewOf(d.code, token);
      if (officer) {
        found = { code: d.code, qrContent, officer };
        break;
      }
    }
    expect(found).toBeDefined();
    const { code: dossierCode, qrContent, officer } = found!;

    const citizen = await phoneOf("browser-asker", "/");
    await followFromSlip(citizen, qrContent);
    await expect.poll(() => citizen.getByLabel("Câu hỏi của ông/bà").isVisible(), { timeout: 15_000 }).toBe(true);
    const question = "Tôi có cần mang bản gốc căn cước khi nhận kết quả không?";
    await citizen.getByLabel("Câu hỏi của ông/bà").fill(question);
    await citizen.getByRole("button", { name: "Gửi câu hỏi" }).click();
    await expect.poll(() => citizen.getByText("Đang chờ cán bộ trả lời").isVisible(), { timeout: 15_000 }).toBe(true);

    const res = await signedFetch(apiUrl, integration, "POST", `/v1/integration/officers/${officer.id}/link-code`);
    const { code } = (await res.json()) as { code: string };
    const staff = await phoneOf("browser-answerer", "/staff");
    await expect.poll(() => staff.getByLabel("Mã liên kết").isVisible(), { timeout: 15_000 }).toBe(true);
    await staff.getByLabel("Mã liên kết").fill(code);
    await staff.getByRole("button", { name: "Liên kết", exact: true }).click();
    const item = staff.locator("li", { hasText: question });
    await expect.poll(() => item.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await item.getByText(`Hồ sơ ${dossierCode}`).isVisible()).toBe(true);
    await screenshot(staff, "33-staff-question");
    const answer = "Ông/bà mang căn cước bản gốc để đối chiếu khi nhận kết quả.";
    await item.getByLabel("Câu trả lời").fill(answer);
    await item.getByRole("button", { name: "Gửi trả lời" }).click();
    await expect.poll(() => staff.getByText(question).isVisible(), { timeout: 15_000 }).toBe(false);

    await citizen.reload();
    await expect.poll(() => citizen.getByText(answer).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await citizen.getByText(new RegExp(`${officer.name} trả lời lúc .*\\d{2}/\\d{2}/\\d{4}`)).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(citizen), "34-dossier-answer").toEqual([]);
    await screenshot(citizen, "34-dossier-answer");
  });
});

describe("the demo's feedback", () => {
  it("the public list shows answered feedback, found by words typed without diacritics; anonymous senders stay unnamed", async () => {
    const phone = await openPhone();
    const page = phone.page;
    // Opened from the feedback page, as a citizen gets there: no sign-in needed to read it.
    await page.goto(`${appUrl}/feedback`);
    await page.getByRole("link", { name: "Xem phản ánh đã được trả lời" }).click();
    const pothole = page.locator("li", { hasText: "nhiều ổ gà lớn" });
    const rubbish = page.locator("li", { hasText: "Rác thải tập kết" });
    await expect.poll(() => pothole.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await pothole.getByText("Người gửi: Lê Thị Hoa").isVisible()).toBe(true);
    expect(await pothole.getByText(/bộ phận phụ trách hạ tầng/).isVisible()).toBe(true);
    expect(await rubbish.getByText("Người gửi ẩn danh").isVisible()).toBe(true);
    // Not answered yet: not public.
    expect(await page.getByText(/Đèn chiếu sáng/).count()).toBe(0);
    await screenshot(page, "35-feedback-public");

    await page.getByLabel("Tìm theo nội dung").fill("o ga");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    await expect.poll(() => rubbish.count(), { timeout: 15_000 }).toBe(0);
    expect(await pothole.isVisible()).toBe(true);
  });

  it("the centre's director sees who sent new feedback, routes it to a ward, and the province's satisfaction figures", async () => {
    const res = await signedFetch(apiUrl, integration, "GET", "/v1/integration/ratings/summary");
    const { total } = (await res.json()) as { total: { total: number } };
    expect(total.total).toBeGreaterThan(0);

    const page = await phoneOf("lanhdao", "/staff");
    await expect.poll(() => page.getByRole("heading", { name: "Mức độ hài lòng · Toàn tỉnh" }).isVisible(), { timeout: 15_000 }).toBe(true);
    const figures = page.locator("table.figures tfoot tr");
    await expect.poll(() => figures.locator("td").first().textContent()).toBe(String(total.total));

    const lights = page.locator("li", { hasText: "Đèn chiếu sáng" });
    await expect.poll(() => lights.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await lights.getByText("Trần Minh Đức").isVisible()).toBe(true);
    expect(await lights.getByText("Đã tiếp nhận").isVisible()).toBe(true);
    await screenshot(page, "36-staff-admin");
    await lights.getByLabel("Giao cơ quan xử lý").selectOption({ label: "Trung tâm Phục vụ hành chính công phường Hạc Thành" });
    await lights.getByRole("button", { name: "Giao xử lý" }).click();
    await expect.poll(() => page.getByText("Đã giao xử lý.").isVisible(), { timeout: 15_000 }).toBe(true);

    await page.reload();
    await expect.poll(() => lights.getByText("Đang xử lý").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(
      await lights
        .getByText(/phường Hạc Thành/)
        .first()
        .isVisible(),
    ).toBe(true);
  });
});

describe("the staff inbox", () => {
  it("shows the director a page of feedback at a time, says how many there are, and loads the rest", async () => {
    // Two citizens send 10 feedback each (the daily limit), so the open list runs past one page of 20.
    for (const user of ["browser-many-1", "browser-many-2"]) {
      const session = await signIn({ apiUrl, zaloUrl, appId: zaloAppId }, user);
      for (let i = 1; i <= 10; i++) {
        const form = new FormData();
        form.append("category", "environment");
        form.append("text", `Rác thải tồn đọng ở điểm tập kết số ${i}, khu phố của ${user}, chưa được thu gom.`);
        const res = await fetch(`${apiUrl}/v1/me/feedback`, { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form });
        expect(res.status).toBe(201);
      }
    }
    const page = await phoneOf("lanhdao", "/staff");
    const section = page.locator("section[aria-labelledby=staff-feedback]");
    const items = section.locator("> ul > li");
    const shown = section.getByText(/^Đang hiển thị 20\/\d+$/);
    await expect.poll(() => shown.isVisible(), { timeout: 15_000 }).toBe(true);
    const total = Number((await shown.textContent())!.split("/")[1]);
    expect(total).toBeGreaterThanOrEqual(22);
    expect(await items.count()).toBe(20);

    // Oldest first: the last of the twenty just sent is not on the first page.
    const last = section.getByText("điểm tập kết số 10, khu phố của browser-many-2");
    expect(await last.count()).toBe(0);
    await section.getByRole("button", { name: /^Xem thêm/ }).scrollIntoViewIfNeeded();
    await screenshot(page, "37-staff-inbox-more");
    for (let loaded = 20; loaded < total; loaded += 20) {
      await section.getByRole("button", { name: `Xem thêm (còn ${total - loaded})` }).click();
      await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(Math.min(total, loaded + 20));
    }
    expect(await last.isVisible()).toBe(true);
    // Everything is shown: no count and no button left.
    expect(await section.getByRole("button", { name: /^Xem thêm/ }).count()).toBe(0);
    expect(await section.getByText(/^Đang hiển thị/).count()).toBe(0);
  });
});
