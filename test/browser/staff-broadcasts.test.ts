/**
 * The staff area's broadcasts in headless Chromium against the local API and the fake Zalo: the centre's director
 * (dev user `lanhdao`, the demo's province admin) gives an officer the right to write news; the officer writes and
 * publishes a post with a cover, which citizens then read; the director sends an emergency alert to a commune,
 * reads how many it reaches before sending, follows its counts, updates it and cancels it. An officer without the
 * right sees none of it.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "../../scripts/lib/demo-voice";
import { signedFetch } from "../../scripts/lib/signing";
import { vnInputValue } from "../../miniapp/src/domain/staff-broadcasts";
import { vnDisplayDate } from "../../worker/src/domain/time";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { api, browserJpeg, phoneSignedInAs, phoneSuite } from "./suite";

const { apiUrl, appUrl, demo, integration, zaloUrl, zaloAppId } = inject("miniapp");

const openPhone = phoneSuite();

/** A commune of the demo province made for this file, so no other file's choices change its count. */
const COMMUNE = { code: "99117", name: "Xã Thử Cảnh Báo" };
const WRITER = { id: "cb-browser-writer", name: "Phan Thị Viết", user: "browser-writer" };
const SECTIONS = ["Tin tức", "Cảnh báo khẩn cấp", "Quyền truyền thông"];

/** A phone signed in as dev user `user` of the fake Zalo, on `path`. */
const phoneOf = (user: string, path: string): Promise<Page> => phoneSignedInAs(openPhone, user, path);

async function integrationPut(path: string, body: unknown) {
  const res = await signedFetch(apiUrl, integration, "PUT", path, body);
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The staff home as `page`'s officer sees it, once their name is up. */
async function staffHome(page: Page, name: string) {
  await page.goto(`${appUrl}/staff`);
  await expect.poll(() => page.getByRole("heading", { name }).isVisible(), { timeout: 15_000 }).toBe(true);
}

const sectionLink = (page: Page, title: string) => page.getByRole("link", { name: new RegExp(`^${title}`) });

/** HH:mm dd/MM/yyyy in Vietnam (minutes as a datetime field keeps them), worked out here rather than with the app's formatter. */
function vnDateTime(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 16)} ${vnDisplayDate(instant)}`;
}

type Counts = { targeted: number; sentByZalo: number; inAppOnly: number; deferred: number; failed: number };
/** The counts as the alert's page shows them. */
async function shownCounts(page: Page): Promise<Counts> {
  const read = async (row: keyof Counts) => Number(((await page.locator(`[data-count=${row}] dd`).textContent()) ?? "").replace(/\D/g, ""));
  return {
    targeted: await read("targeted"),
    sentByZalo: await read("sentByZalo"),
    inAppOnly: await read("inAppOnly"),
    deferred: await read("deferred"),
    failed: await read("failed"),
  };
}

describe("news written in the staff area", () => {
  it("the director gives an officer the right; the officer, who saw no such section before, publishes a post with a cover that citizens read", async () => {
    await integrationPut(`/v1/integration/officers/${WRITER.id}`, { displayName: WRITER.name, title: "Chuyên viên truyền thông" });
    const res = await signedFetch(apiUrl, integration, "POST", `/v1/integration/officers/${WRITER.id}/link-code`);
    const { code } = (await res.json()) as { code: string };
    const writer = await phoneOf(WRITER.user, "/staff");
    await expect.poll(() => writer.getByLabel("Mã liên kết").isVisible(), { timeout: 15_000 }).toBe(true);
    await writer.getByLabel("Mã liên kết").fill(code);
    await writer.getByRole("button", { name: "Liên kết", exact: true }).click();
    await expect.poll(() => writer.getByRole("heading", { name: WRITER.name }).isVisible(), { timeout: 15_000 }).toBe(true);
    // Without the right: none of the broadcasts' sections, once the staff home has loaded all it shows.
    await expect.poll(() => writer.getByRole("heading", { name: "Mức độ hài lòng", exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => writer.locator(".skeleton-card").count(), { timeout: 15_000 }).toBe(0);
    for (const title of SECTIONS) expect(await sectionLink(writer, title).count(), title).toBe(0);

    const admin = await phoneOf("lanhdao", "/staff");
    await expect.poll(() => sectionLink(admin, "Quyền truyền thông").isVisible(), { timeout: 15_000 }).toBe(true);
    for (const title of SECTIONS) expect(await sectionLink(admin, title).isVisible(), title).toBe(true);
    await screenshot(admin, "70-staff-broadcast-sections");
    await sectionLink(admin, "Quyền truyền thông").click();
    const grant = admin.getByRole("switch", { name: `Quyền viết tin: ${WRITER.name}` });
    await expect.poll(() => grant.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await grant.isChecked()).toBe(false);
    await grant.check();
    await expect.poll(() => admin.getByText(`Đã giao quyền viết tin cho ${WRITER.name}.`).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await grant.isChecked()).toBe(true);
    expect(await smallTextAndTapTargets(admin), "71-staff-permissions").toEqual([]);
    await screenshot(admin, "71-staff-permissions");

    // With it: "Tin tức" only (alerts and rights stay the director's).
    await staffHome(writer, WRITER.name);
    await expect.poll(() => sectionLink(writer, "Tin tức").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await sectionLink(writer, "Cảnh báo khẩn cấp").count()).toBe(0);
    expect(await sectionLink(writer, "Quyền truyền thông").count()).toBe(0);
    await sectionLink(writer, "Tin tức").click();
    await writer.getByRole("link", { name: "Viết tin mới" }).click();
    await expect.poll(() => writer.getByLabel("Tiêu đề").isVisible(), { timeout: 15_000 }).toBe(true);

    const title = `Miễn phí đăng ký khai sinh trực tuyến ${Date.now()}`;
    await writer.getByLabel("Tiêu đề").fill(title);
    expect(await writer.getByText(`${title.length}/120 ký tự`).isVisible()).toBe(true);
    await writer.getByLabel("Tiêu đề").fill("x".repeat(125));
    expect(await writer.getByText("Dài quá 5 ký tự").isVisible()).toBe(true);
    await writer.getByLabel("Tiêu đề").fill(title);
    await writer.getByLabel("Tóm tắt").fill("Từ tháng này, người dân đăng ký khai sinh cho con trên Cổng dịch vụ công không phải nộp lệ phí.");
    expect(await writer.getByText(/\/300 ký tự$/).isVisible()).toBe(true);
    await writer
      .getByLabel("Nội dung")
      .fill("Ông/bà vào Cổng dịch vụ công, chọn thủ tục Đăng ký khai sinh.\n\nHướng dẫn chi tiết tại https://dichvucong.gov.vn/khai-sinh.");
    expect(await writer.getByText("Đường dẫn viết đầy đủ, bắt đầu bằng https://", { exact: false }).isVisible()).toBe(true);
    await writer.getByLabel("Chuyên mục").selectOption({ label: "Chính sách" });
    expect(await writer.getByLabel("Gửi thông báo Zalo cho người đăng ký").isChecked()).toBe(true);
    await writer.locator('input[type="file"]').setInputFiles({ name: "bia.jpg", mimeType: "image/jpeg", buffer: await browserJpeg(writer, 2400, 1600) });
    await expect.poll(() => writer.getByRole("img", { name: "Ảnh bìa" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await writer.getByText("Đổi ảnh bìa").isVisible()).toBe(true);
    // Made small on the phone: at most 1600 px on the long side.
    expect(await writer.getByRole("img", { name: "Ảnh bìa" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);

    await writer.getByRole("button", { name: "Xem trước như người dân thấy" }).click();
    const preview = writer.getByRole("article", { name: "Xem trước như người dân thấy" });
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await preview.getByRole("heading", { name: title }).isVisible()).toBe(true);
    expect(await preview.getByRole("link", { name: "https://dichvucong.gov.vn/khai-sinh" }).isVisible()).toBe(true);
    expect(await preview.getByText(/^Chính sách · \d{2}\/\d{2}\/\d{4}$/).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(writer), "72-staff-news-edit").toEqual([]);
    await preview.scrollIntoViewIfNeeded();
    await screenshot(writer, "72-staff-news-edit");

    await writer.getByRole("button", { name: "Đăng tin" }).click();
    const row = writer.locator("li", { hasText: title });
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row.getByText("Đã đăng", { exact: true }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(writer), "73-staff-news-list").toEqual([]);
    await screenshot(writer, "73-staff-news-list");

    // Citizens read it, cover included.
    const feed = await api<{ news: { id: string; title: string; coverUrl: string | null; category: string }[] }>(`/v1/provinces/${demo.provinceId}/news`);
    const published = feed.news.find((n) => n.title === title);
    expect(published).toMatchObject({ category: "chinh-sach" });
    expect(published!.coverUrl).toBeTruthy();
    const cover = await fetch(new URL(published!.coverUrl!, apiUrl));
    expect(cover.status).toBe(200);
    expect(cover.headers.get("content-type")).toBe("image/jpeg");

    // Unpublished on confirmation: gone from the feed.
    await row.getByRole("link", { name: title }).click();
    await writer.getByRole("button", { name: "Gỡ tin" }).click();
    await writer.getByRole("button", { name: "Có, gỡ tin" }).click();
    await expect.poll(() => row.getByText("Đã gỡ", { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    const after = await api<{ news: { title: string }[] }>(`/v1/provinces/${demo.provinceId}/news`);
    expect(after.news.map((n) => n.title)).not.toContain(title);
  });
  it("a post scheduled for tomorrow is listed as scheduled, said in Vietnam's time, and is not in the feed yet", async () => {
    const page = await phoneOf("lanhdao", "/staff");
    await expect.poll(() => sectionLink(page, "Tin tức").isVisible(), { timeout: 15_000 }).toBe(true);
    await sectionLink(page, "Tin tức").click();
    await page.getByRole("link", { name: "Viết tin mới" }).click();
    await expect.poll(() => page.getByLabel("Tiêu đề").isVisible(), { timeout: 15_000 }).toBe(true);
    const title = `Lịch cắt điện ngày mai ${Date.now()}`;
    await page.getByLabel("Tiêu đề").fill(title);
    await page.getByLabel("Tóm tắt").fill("Điện lực tỉnh thông báo lịch cắt điện để bảo trì lưới điện.");
    await page.getByLabel("Nội dung").fill("Các hộ dân chủ động sắp xếp sinh hoạt.");
    await page.getByRole("radio", { name: "Hẹn giờ đăng" }).check();
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    await page.getByLabel("Ngày giờ đăng").fill(vnInputValue(tomorrow));
    const said = `Hẹn đăng lúc ${vnDateTime(tomorrow)}`;
    expect(await page.getByText(said).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Đăng tin" }).click();
    const row = page.locator("li", { hasText: title });
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row.getByText("Hẹn đăng", { exact: true }).isVisible()).toBe(true);
    expect(await row.getByText(said, { exact: false }).isVisible()).toBe(true);
    const feed = await api<{ news: { title: string }[] }>(`/v1/provinces/${demo.provinceId}/news`);
    expect(feed.news.map((n) => n.title)).not.toContain(title);
  });
});

describe("an emergency alert composed in the staff area", () => {
  it("the director sends it to a commune after reading how many it reaches, follows its counts, updates it and cancels it", async () => {
    await integrationPut(`/v1/integration/communes/${COMMUNE.code}`, { name: COMMUNE.name });
    // Two citizens chose the commune; the confirmation counts them before anything is sent.
    for (const user of ["browser-alert-1", "browser-alert-2"]) {
      const session = await signIn({ apiUrl, zaloUrl, appId: zaloAppId }, user);
      const res = await fetch(`${apiUrl}/v1/me/communes`, {
        method: "PUT",
        headers: { authorization: `Bearer ${session}`, "content-type": "application/json" },
        body: JSON.stringify({ communes: [{ code: COMMUNE.code, purpose: "home" }] }),
      });
      expect(res.status, await res.text()).toBe(200);
    }

    const page = await phoneOf("lanhdao", "/staff");
    await expect.poll(() => sectionLink(page, "Cảnh báo khẩn cấp").isVisible(), { timeout: 15_000 }).toBe(true);
    await sectionLink(page, "Cảnh báo khẩn cấp").click();
    await page.getByRole("link", { name: "Soạn cảnh báo mới" }).click();
    await expect.poll(() => page.getByLabel("Loại sự kiện").isVisible(), { timeout: 15_000 }).toBe(true);

    const headline = `Lũ quét trên suối Cửa Đạt ${Date.now()}`;
    await page.getByLabel("Loại sự kiện").fill("Lũ quét");
    await page.getByLabel("Tiêu đề cảnh báo").fill(headline);
    await page.getByLabel("Mức độ nguy hiểm").selectOption({ label: "Cực kỳ nguy hiểm, đe dọa tính mạng" });
    await page.getByLabel("Mức độ khẩn cấp").selectOption({ label: "Cần làm ngay" });
    await page.getByLabel("Mức độ chắc chắn").selectOption({ label: "Nhiều khả năng xảy ra" });
    // Found by a name typed without diacritics.
    await page.getByLabel("Tìm xã, phường").fill("thu canh bao");
    await page.getByRole("checkbox", { name: COMMUNE.name }).check();
    expect(await page.getByText("Đã chọn 1 xã, phường").isVisible()).toBe(true);
    await page.getByLabel("Người dân cần làm gì").fill("Di chuyển ngay lên vùng cao, tránh xa suối. Gọi 112 khi cần cứu hộ.");
    await page.getByLabel("Mô tả chi tiết (không bắt buộc)").fill("Mưa lớn kéo dài, mực nước suối dâng nhanh.");
    expect(await smallTextAndTapTargets(page), "74-staff-alert-compose").toEqual([]);
    await screenshot(page, "74-staff-alert-compose");

    await page.getByRole("button", { name: "Xem lại trước khi gửi" }).click();
    const reach = page.getByText("Cảnh báo sẽ được gửi tới 2 người đã đăng ký nhận tin của các xã, phường đã chọn.");
    await expect.poll(() => reach.isVisible(), { timeout: 15_000 }).toBe(true);
    // Nothing is sent before the confirmation.
    const before = await api<{ alerts: { headline: string }[] }>(`/v1/provinces/${demo.provinceId}/alerts?commune=${COMMUNE.code}`);
    expect(before.alerts.map((a) => a.headline)).not.toContain(headline);
    expect(await smallTextAndTapTargets(page), "75-staff-alert-confirm").toEqual([]);
    await screenshot(page, "75-staff-alert-confirm");
    await page.getByRole("button", { name: "Có, gửi cảnh báo" }).click();

    await expect.poll(() => page.getByText("Đã gửi cảnh báo.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("heading", { name: headline }).isVisible()).toBe(true);
    await expect.poll(() => page.locator("[data-count=targeted] dd").isVisible(), { timeout: 15_000 }).toBe(true);
    expect((await shownCounts(page)).targeted).toBe(2);
    // The counts move on screen, without a reload, as the two are reached (or accounted for).
    await expect
      .poll(
        async () => {
          const c = await shownCounts(page);
          return c.sentByZalo + c.inAppOnly + c.failed + c.deferred;
        },
        { timeout: 30_000 },
      )
      .toBe(2);
    expect(await smallTextAndTapTargets(page), "76-staff-alert-counts").toEqual([]);
    await screenshot(page, "76-staff-alert-counts");
    const sent = await api<{ alerts: { headline: string; severity: string }[] }>(`/v1/provinces/${demo.provinceId}/alerts?commune=${COMMUNE.code}`);
    expect(sent.alerts.find((a) => a.headline === headline)).toMatchObject({ severity: "Extreme" });

    // The update: the same form, filled with what the alert says now.
    await page.getByRole("link", { name: "Cập nhật nội dung" }).click();
    await expect.poll(() => page.getByLabel("Tiêu đề cảnh báo").inputValue(), { timeout: 15_000 }).toBe(headline);
    expect(await page.getByRole("checkbox", { name: COMMUNE.name }).isChecked()).toBe(true);
    expect(await page.getByLabel("Mức độ nguy hiểm").inputValue()).toBe("Extreme");
    const updated = `${headline} — nước đang rút`;
    await page.getByLabel("Tiêu đề cảnh báo").fill(updated);
    await page.getByLabel("Mức độ nguy hiểm").selectOption({ label: "Nguy hiểm, có thể gây thiệt hại nặng" });
    await page.getByRole("button", { name: "Xem lại trước khi gửi" }).click();
    await expect.poll(() => reach.isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: "Có, gửi bản cập nhật" }).click();
    await expect.poll(() => page.getByText("Đã gửi bản cập nhật.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("heading", { name: updated }).isVisible()).toBe(true);
    const now = await api<{ alerts: { headline: string; severity: string; msgType: string }[] }>(
      `/v1/provinces/${demo.provinceId}/alerts?commune=${COMMUNE.code}`,
    );
    expect(now.alerts.map((a) => a.headline)).toEqual(expect.arrayContaining([updated]));
    expect(now.alerts.map((a) => a.headline)).not.toContain(headline);
    expect(now.alerts.find((a) => a.headline === updated)).toMatchObject({ severity: "Severe", msgType: "Update" });

    // Cancelled on confirmation: no longer active anywhere.
    await page.getByLabel("Ghi chú khi hủy (không bắt buộc)").fill("Nước đã rút, người dân có thể trở về nhà.");
    await page.getByRole("button", { name: "Hủy cảnh báo" }).click();
    expect(await page.getByText("Người dân ở các xã, phường đã chọn sẽ được báo là đã hết nguy hiểm", { exact: false }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Có, hủy cảnh báo" }).click();
    await expect.poll(() => page.getByText("Đã hủy cảnh báo.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Đã hủy", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText("Ghi chú khi hủy: Nước đã rút, người dân có thể trở về nhà.").isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Cập nhật nội dung" }).count()).toBe(0);
    await screenshot(page, "77-staff-alert-cancelled");
    const ended = await api<{ alerts: { headline: string }[] }>(`/v1/provinces/${demo.provinceId}/alerts?commune=${COMMUNE.code}`);
    expect(ended.alerts.map((a) => a.headline)).not.toContain(updated);
  });
});
