/**
 * Where to go, in the built mini app in headless Chromium against the seeded local API: the hotline on home and on
 * error pages.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Province } from "../../miniapp/src/api/types";
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

describe("the hotline", () => {
  it("is a tap-to-call button on the home page", async () => {
    const { hotline } = await province();
    const page = await phoneAt("/");
    const call = page.getByRole("link", { name: `Gọi tổng đài hỗ trợ ${hotline}` });
    await expect.poll(() => call.isVisible()).toBe(true);
    expect(await call.getAttribute("href")).toBe(`tel:${digits(hotline!)}`);
    await call.scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "places-04-home").toEqual([]);
    await screenshot(page, "places-04-home");
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
