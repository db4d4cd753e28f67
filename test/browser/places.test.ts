/**
 * Where to go, in the built mini app in headless Chromium against the seeded local API: the directory of desks
 * (search without diacritics, hours, call, directions, the province's OA), and the hotline on home and on error pages.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Agency, Province } from "../../miniapp/src/api/types";
import { launchBrowser, newPhone, screenshot, smallTextAndTapTargets, type Phone } from "./phone";

const { apiUrl, appUrl, demo } = inject("miniapp");

let browser: Browser;
let closeBrowser: () => Promise<void>;
let phone: Phone;

beforeAll(async () => {
  ({ browser, close: closeBrowser } = await launchBrowser());
});
afterAll(async () => {
  await closeBrowser?.();
});
afterEach(async () => {
  const errors = phone?.pageErrors ?? [];
  await phone?.context.close();
  expect(errors).toEqual([]);
});

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`);
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const province = () => api<Province>(`/v1/provinces/${demo.provinceId}`);
const agencies = async () => (await api<{ agencies: Agency[] }>(`/v1/provinces/${demo.provinceId}/agencies`)).agencies;
const digits = (phoneNumber: string) => phoneNumber.replace(/[^\d+]/g, "");

/**
 * A phone whose links out of the app (maps, the OA's page, a payment page) land on a stand-in page: these machines
 * have no internet, and what matters is the address the app opened.
 */
async function phoneAt(path: string): Promise<Page> {
  phone = await newPhone(browser);
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
    phone = await newPhone(browser);
    page = phone.page;
    await page.route(/\/v1\/provinces\/[^/]+(\/agencies)?$/, (route) => route.abort("internetdisconnected"));
    await page.goto(`${appUrl}/directory`);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Không kết nối được máy chủ");
    expect(await page.getByRole("alert").getByRole("link").count()).toBe(0);
  });

  it("?agency=<id> puts that desk first, in view, under its own heading", async () => {
    const desks = await agencies();
    // The desk the list would show last, so being first is the link's doing.
    const last = desks.filter((a) => a.level === "commune").sort((a, b) => a.name.localeCompare(b.name, "vi")).at(-1)!;
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
    await expect.poll(() => page.getByRole("alert").getByRole("link", { name: new RegExp(`${hotline}$`) }).isVisible()).toBe(true);
  });
});
