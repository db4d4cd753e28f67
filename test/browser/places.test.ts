/**
 * Where to go and how to pay, in the built mini app in headless Chromium against the seeded local API: the
 * directory of desks (search without diacritics, hours, call, directions, the province's OA), the hotline on home
 * and on error pages, and paying a fee from the slip's link (the amount, the deadline, the payment page, the VietQR
 * drawn from the API's payload, the account to copy, the desk).
 */
import QRCode from "qrcode";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import type { Agency, OwnerDossier, Province } from "../../miniapp/src/api/types";
import { vnDaysBetween, vnDisplayDate } from "../../worker/src/domain/time";
import { screenshot, smallTextAndTapTargets, type Phone } from "./phone";
import { api, ownerViewOf, phoneSuite, slipOf } from "./suite";

const { appUrl, demo } = inject("miniapp");

const openPhone = phoneSuite();
let phone: Phone;

const province = () => api<Province>(`/v1/provinces/${demo.provinceId}`);
const agencies = async () => (await api<{ agencies: Agency[] }>(`/v1/provinces/${demo.provinceId}/agencies`)).agencies;
const digits = (phoneNumber: string) => phoneNumber.replace(/[^\d+]/g, "");

/**
 * A phone whose links out of the app (maps, the OA's page, a payment page) land on a stand-in page: these machines
 * have no internet, and what matters is the address the app opened.
 */
async function phoneAt(path: string): Promise<Page> {
  phone = await openPhone();
  await phone.context.route(/^https:\/\/(www\.google\.com|zalo\.me|dichvucong\.gov\.vn)\//, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>outside the app</title>" }),
  );
  await phone.page.goto(`${appUrl}${path}`);
  return phone.page;
}

/** Clicks and returns the address of the tab the click opened. */
async function opensTab(page: Page, click: () => Promise<void>): Promise<string> {
  const [tab] = await Promise.all([page.context().waitForEvent("page"), click()]);
  await tab.waitForLoadState();
  const url = tab.url();
  await tab.close();
  return url;
}

/** Today's weekday in Vietnam as the app names it, worked out here with Intl rather than the app's code. */
function vietnamWeekday(now = new Date()): string {
  const english = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "Asia/Ho_Chi_Minh" }).format(now);
  const names: Record<string, string> = {
    Monday: "Thứ Hai",
    Tuesday: "Thứ Ba",
    Wednesday: "Thứ Tư",
    Thursday: "Thứ Năm",
    Friday: "Thứ Sáu",
    Saturday: "Thứ Bảy",
    Sunday: "Chủ nhật",
  };
  return names[english]!;
}

describe("the directory", () => {
  it("finds a desk typed without diacritics; every desk shows today's hours, a call button and directions", async () => {
    const desks = await agencies();
    const thoXuan = desks.find((a) => a.name.endsWith("xã Thọ Xuân"))!;
    expect(thoXuan.latitude).not.toBeNull();
    const page = await phoneAt("/directory");

    const cards = page.locator(".place-card");
    await expect.poll(() => cards.count()).toBe(desks.length);
    const today = `Hôm nay (${vietnamWeekday()})`;
    for (const text of await cards.allTextContents()) expect(text).toContain(today);
    expect(await smallTextAndTapTargets(page), "places-01-directory").toEqual([]);
    await screenshot(page, "places-01-directory");

    await page.getByRole("searchbox", { name: "Tìm cơ quan" }).fill("tho xuan");
    await expect.poll(() => cards.count()).toBe(1);
    const card = cards.first();
    expect(await card.getByRole("heading").textContent()).toBe(thoXuan.name);
    expect(await page.getByRole("status").filter({ hasText: "phù hợp" }).textContent()).toBe("1 cơ quan phù hợp với “tho xuan”");

    const call = card.getByRole("link", { name: `Gọi ${thoXuan.phone}` });
    expect(await call.getAttribute("href")).toBe(`tel:${digits(thoXuan.phone!)}`);

    const directions = card.getByRole("link", { name: "Chỉ đường" });
    const href = new URL((await directions.getAttribute("href"))!);
    expect(`${href.origin}${href.pathname}`).toBe("https://www.google.com/maps/dir/");
    expect(href.searchParams.get("api")).toBe("1");
    expect(href.searchParams.get("destination")).toBe(`${thoXuan.latitude},${thoXuan.longitude}`);
    expect(await opensTab(page, () => directions.click())).toBe(href.toString());

    // The week's hours under the disclosure.
    await card.getByText("Giờ làm việc trong tuần").click();
    await expect.poll(() => card.getByText(/^Thứ Hai – Thứ Sáu: 07:00–11:30, 13:30–17:00$/).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "places-02-directory-search").toEqual([]);
    await screenshot(page, "places-02-directory-search");

    // Nothing found is said, with what to try.
    await page.getByRole("searchbox", { name: "Tìm cơ quan" }).fill("khong co xa nay");
    await expect.poll(() => page.getByText("Không tìm thấy cơ quan nào").isVisible()).toBe(true);
    expect(await cards.count()).toBe(0);
  });

  it("offers the province's hotline and its Zalo OA to follow (outside Zalo, the OA's page)", async () => {
    const { hotline, zaloOaId, channelName } = await province();
    const page = await phoneAt("/directory");
    const contacts = page.getByRole("region", { name: channelName });
    await expect.poll(() => contacts.isVisible()).toBe(true);
    expect(await contacts.getByRole("link", { name: `Gọi tổng đài ${hotline}` }).getAttribute("href")).toBe(`tel:${digits(hotline!)}`);
    const follow = contacts.getByRole("button", { name: "Quan tâm Zalo OA của tỉnh" });
    expect(await follow.isVisible()).toBe(true);
    expect(await opensTab(page, () => follow.click())).toBe(`https://zalo.me/${zaloOaId}`);
  });

  it("when the API cannot be reached, shows the copy kept on the phone, and says so", async () => {
    const desks = await agencies();
    const page = await phoneAt("/directory");
    await expect.poll(() => page.locator(".place-card").count()).toBe(desks.length);

    // Later, the same phone without a connection to the API.
    const later = await phone.context.newPage();
    later.on("pageerror", (error) => phone.pageErrors.push(error.message));
    await later.route(/\/v1\/provinces\/[^/]+\/agencies$/, (route) => route.abort("internetdisconnected"));
    await later.goto(`${appUrl}/directory`);
    await expect.poll(() => later.getByText("Đang hiển thị danh bạ đã lưu trên máy", { exact: false }).isVisible()).toBe(true);
    expect(await later.locator(".place-card").count()).toBe(desks.length);
  });

  it("with no copy kept and no API, says what happened and offers to try again, hotline or not", async () => {
    const { hotline } = await province();
    let page = await phoneAt("/");
    await page.route(/\/v1\/provinces\/[^/]+\/agencies$/, (route) => route.abort("internetdisconnected"));
    await page.getByRole("link", { name: /Danh bạ cơ quan/ }).click();
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("Không kết nối được máy chủ");
    expect(await alert.getByRole("button", { name: "Thử lại" }).isVisible()).toBe(true);
    expect(await alert.getByRole("link", { name: new RegExp(`${hotline}$`) }).getAttribute("href")).toBe(`tel:${digits(hotline!)}`);
    expect(phone.pageErrors).toEqual([]);
    await phone.context.close();

    // Nor the province (its hotline unknown): the error page still shows, without a call button.
    phone = await openPhone();
    page = phone.page;
    await page.route(/\/v1\/provinces\/[^/]+(\/agencies)?$/, (route) => route.abort("internetdisconnected"));
    await page.goto(`${appUrl}/directory`);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Không kết nối được máy chủ");
    expect(await page.getByRole("alert").getByRole("link").count()).toBe(0);
  });

  it("?agency=<id> puts that desk first, in view, under its own heading", async () => {
    const desks = await agencies();
    // The desk the list would show last, so being first is the link's doing.
    const last = desks
      .filter((a) => a.level === "commune")
      .sort((a, b) => a.name.localeCompare(b.name, "vi"))
      .at(-1)!;
    const page = await phoneAt(`/directory?agency=${encodeURIComponent(last.id)}`);
    const first = page.locator(".place-card").first();
    await expect.poll(() => first.getByRole("heading").textContent()).toBe(last.name);
    expect(await first.textContent()).toContain("Cơ quan ông/bà cần liên hệ");
    const box = (await first.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(844 / 2);
    expect(await page.locator(".place-card").count()).toBe(desks.length);
    expect(await smallTextAndTapTargets(page), "places-03-directory-agency").toEqual([]);
    await screenshot(page, "places-03-directory-agency");
  });
});

describe("the hotline", () => {
  it("is a tap-to-call button on the home page, beside the way to the directory", async () => {
    const { hotline } = await province();
    const page = await phoneAt("/");
    const call = page.getByRole("link", { name: `Gọi tổng đài hỗ trợ ${hotline}` });
    await expect.poll(() => call.isVisible()).toBe(true);
    expect(await call.getAttribute("href")).toBe(`tel:${digits(hotline!)}`);
    await call.scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "places-04-home").toEqual([]);
    await screenshot(page, "places-04-home");

    await page.getByRole("link", { name: /Danh bạ cơ quan/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Danh bạ cơ quan" }).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/directory");
  });

  it("is on an error page: a dossier code that does not exist", async () => {
    const { hotline } = await province();
    const page = await phoneAt(`/dossier?code=${encodeURIComponent("000.00.06.H56-990101-9998")}`);
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("Không tìm thấy hồ sơ");
    const call = alert.getByRole("link", { name: `Cần giúp đỡ? Gọi tổng đài ${hotline}` });
    await expect.poll(() => call.isVisible()).toBe(true);
    expect(await call.getAttribute("href")).toBe(`tel:${digits(hotline!)}`);
    expect(await smallTextAndTapTargets(page), "places-05-error").toEqual([]);
    await screenshot(page, "places-05-error");
  });

  it("is on a page that does not exist", async () => {
    const { hotline } = await province();
    const page = await phoneAt("/no-such-page");
    await expect
      .poll(() =>
        page
          .getByRole("alert")
          .getByRole("link", { name: new RegExp(`${hotline}$`) })
          .isVisible(),
      )
      .toBe(true);
  });
});

// ── Paying a fee ─────────────────────────────────────────────────────────────────────────────────────────────

/** A demo dossier waiting for its fee, as the API says now, that `matches`; with its slip link. */
async function feeDue(matches: (view: OwnerDossier) => boolean) {
  for (const d of demo.dossiers.filter((x) => x.status === 6)) {
    const { qrContent, token } = await slipOf(d.code);
    const view = await ownerViewOf(d.code, token);
    if (view.status.code === 6 && view.fee?.due && matches(view)) return { code: d.code, qrContent, view, fee: view.fee };
  }
  throw new Error("no demo dossier waiting for its fee matches; has the demo data changed?");
}

/** Opens the dossier as Zalo's camera would from the slip's QR. */
async function openFromSlip(qrContent: string): Promise<Page> {
  return phoneAt(`/dossier${new URL(qrContent).search}`);
}

/** Scrolls the element's top to just under the page's sticky header. */
async function scrollToTop(page: Page, selector: string) {
  await page.evaluate((css) => {
    const top = document.querySelector(css)!.getBoundingClientRect().top + window.scrollY;
    const header = document.querySelector(".topbar")?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, top - header - 8);
  }, selector);
}

/** The QR's dark modules as drawn (one SVG path of unit rectangles), read back into a size × size matrix. */
async function drawnModules(page: Page): Promise<{ size: number; quietZone: number; pixels: number; dark: boolean[] }> {
  const svg = page.locator("svg.qr-code");
  const [viewBox, d] = await Promise.all([svg.getAttribute("viewBox"), svg.locator("path").getAttribute("d")]);
  const [minX, , span] = viewBox!.split(" ").map(Number);
  const quietZone = -minX!;
  const size = span! - 2 * quietZone;
  const dark: boolean[] = new Array(size * size).fill(false);
  for (const [, x, y, w] of d!.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let col = Number(x); col < Number(x) + Number(w); col++) dark[Number(y) * size + col] = true;
  }
  const pixels = (await svg.boundingBox())!.width;
  return { size, quietZone, pixels, dark };
}

describe("paying a fee", () => {
  it("from the slip: amount, deadline, the payment page first, then a VietQR transfer to copy, and the desk", async () => {
    const { qrContent, view, fee } = await feeDue((v) => !!v.fee?.paymentUrl && !!v.fee.transfer && !!v.fee.deadline);
    const transfer = fee.transfer!;
    const page = await openFromSlip(qrContent);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: appUrl });

    // The top of the page says the amount, written as Vietnamese write it (worked out with Intl, not the app's
    // formatter), and the payment deadline as the date that matters.
    const amount = `${new Intl.NumberFormat("vi-VN").format(fee.amountVnd)} đồng`;
    await expect.poll(() => page.locator(".status-card").textContent()).toContain(`Số tiền cần nộp: ${amount}`);
    const deadline = fee.deadline!;
    const daysLeft = vnDaysBetween(new Date(), deadline);
    const when = daysLeft > 0 ? `còn ${daysLeft} ngày` : daysLeft === 0 ? "hôm nay" : `đã qua ${-daysLeft} ngày`;
    expect(await page.locator(".status-card .key-date").textContent()).toBe(`Hạn nộp tiền: ${vnDisplayDate(deadline)} (${when})`);

    // The payment page is the main button, and it opens in a new tab outside Zalo.
    const pay = page.getByRole("link", { name: "Nộp phí trực tuyến" });
    expect(await pay.getAttribute("href")).toBe(fee.paymentUrl);
    expect(await pay.getAttribute("class")).not.toContain("secondary");
    expect(await smallTextAndTapTargets(page), "places-06-fee").toEqual([]);
    await scrollToTop(page, ".status-card");
    await screenshot(page, "places-06-fee");
    expect(await opensTab(page, () => pay.click())).toBe(fee.paymentUrl);

    // The QR encodes exactly the API's VietQR payload: the drawn modules are the encoder's for that text.
    const qr = page.getByRole("img", { name: `Mã QR chuyển khoản ${amount} vào tài khoản ${transfer.accountNumber} tại ${transfer.bankName}` });
    await expect.poll(() => qr.isVisible()).toBe(true);
    const drawn = await drawnModules(page);
    const expected = QRCode.create(transfer.vietQr, { errorCorrectionLevel: "M" }).modules;
    expect(drawn.size).toBe(expected.size);
    expect(drawn.dark).toEqual(Array.from(expected.data, Boolean));
    expect(drawn.quietZone).toBeGreaterThanOrEqual(4);
    expect(drawn.pixels).toBeGreaterThanOrEqual(220);
    // …and that payload is a transfer of this amount to this account with the dossier's code as the note.
    expect(transfer.vietQr).toContain(`${transfer.bankBin}01${String(transfer.accountNumber.length).padStart(2, "0")}${transfer.accountNumber}`);
    expect(transfer.vietQr).toContain(`54${String(fee.amountVnd).length.toString().padStart(2, "0")}${fee.amountVnd}`);
    expect(transfer.vietQr).toContain(transfer.transferNote);
    expect(transfer.transferNote.replace(/\W/g, "")).toBe(view.code.replace(/\W/g, ""));
    await qr.scrollIntoViewIfNeeded();
    await screenshot(page, "places-07-fee-qr");

    const details = page.locator(".fee-transfer");
    for (const [label, value] of [
      ["Ngân hàng", transfer.bankName],
      ["Số tài khoản", transfer.accountNumber],
      ["Chủ tài khoản", transfer.accountName],
      ["Số tiền", amount],
      ["Nội dung chuyển khoản", transfer.transferNote],
    ]) {
      expect(
        await details
          .locator(".fact")
          .filter({ has: page.getByText(label!, { exact: true }) })
          .locator("dd")
          .textContent(),
      ).toBe(value);
    }
    expect(await details.textContent()).toContain(`Ghi đúng nội dung “${transfer.transferNote}” khi chuyển khoản`);

    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await page.getByRole("button", { name: "Sao chép số tài khoản" }).click();
    await expect.poll(() => page.getByText("Đã sao chép số tài khoản.").isVisible()).toBe(true);
    expect(await clipboard()).toBe(transfer.accountNumber);
    await page.getByRole("button", { name: "Sao chép nội dung" }).click();
    await expect.poll(() => page.getByText("Đã sao chép nội dung chuyển khoản.").isVisible()).toBe(true);
    expect(await clipboard()).toBe(transfer.transferNote);
    expect(await smallTextAndTapTargets(page), "places-08-fee-copied").toEqual([]);
    await page.getByRole("button", { name: "Sao chép nội dung" }).scrollIntoViewIfNeeded();
    await screenshot(page, "places-08-fee-copied");

    // Or in person, at the dossier's desk.
    const desk = page.getByRole("region", { name: `Hoặc nộp trực tiếp tại: ${view.agency.name}` });
    expect(await desk.isVisible()).toBe(true);
    await desk.scrollIntoViewIfNeeded();
    await screenshot(page, "places-09-fee-desk");
  });

  it("without a payment page there is no online button; without an account, no QR: the desk is where to pay", async () => {
    const noPage = await feeDue((v) => !v.fee?.paymentUrl && !!v.fee?.transfer);
    let page = await openFromSlip(noPage.qrContent);
    await expect.poll(() => page.locator("svg.qr-code").isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Nộp phí trực tuyến" }).count()).toBe(0);
    expect(phone.pageErrors).toEqual([]);
    await phone.context.close();

    const noAccount = await feeDue((v) => !v.fee?.transfer);
    page = await openFromSlip(noAccount.qrContent);
    const amount = `${new Intl.NumberFormat("vi-VN").format(noAccount.fee.amountVnd)} đồng`;
    await expect.poll(() => page.locator(".status-card").textContent()).toContain(`Số tiền cần nộp: ${amount}`);
    expect(await page.locator(".fee-transfer").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Sao chép số tài khoản" }).count()).toBe(0);
    const desk = page.getByRole("region", { name: `Nộp trực tiếp tại: ${noAccount.view.agency.name}` });
    expect(await desk.isVisible()).toBe(true);
    expect(await desk.getByRole("link", { name: "Chỉ đường" }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "places-10-fee-desk-only").toEqual([]);
    await desk.scrollIntoViewIfNeeded();
    await screenshot(page, "places-10-fee-desk-only");
  });
});
