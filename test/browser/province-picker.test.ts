/**
 * Picking a province in the mini app on a 390×844 phone: "Đổi tỉnh" on home opens the picker, choosing the second
 * demo province (its own database) restarts the app in it — its name, colours, news and dossiers — and choosing the
 * first again finds the citizen still signed in there, with the dossiers they had looked up.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page, Request } from "playwright-core";
import type { Province } from "../../miniapp/src/api/types";
import { messages } from "../../miniapp/src/messages";
import { PROVINCE_CHOICE_KEY } from "../../miniapp/src/domain/province-choice";
import { provinceChoiceValue } from "../../miniapp/src/domain/province-picker";
import { provinceMessages } from "../../miniapp/src/pages/provinces/messages";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { api, phoneSuite } from "./suite";

const { apiUrl, appUrl, demo, demo2, webUrl } = inject("miniapp");

const openPhone = phoneSuite();

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;

/** What the page asked of the API, with the headers each call carried and the bookmark each answer gave. */
function watchApi(page: Page) {
  const calls: { path: string; method: string; province?: string; bookmark?: string; answered?: string }[] = [];
  page.on("request", (request: Request) => {
    const url = new URL(request.url());
    if (!request.url().startsWith(apiUrl) || request.method() === "OPTIONS") return;
    const headers = request.headers();
    const call = { path: url.pathname, method: request.method(), province: headers["x-motcua-province"], bookmark: headers["x-motcua-bookmark"] };
    calls.push(call);
    void request.response().then((response) => {
      Object.assign(call, { answered: response?.headers()["x-motcua-bookmark"] });
    });
  });
  return calls;
}

async function homeShows(page: Page, province: Province) {
  await expect.poll(() => page.locator(".page.home .brand-province").textContent(), { timeout: 15_000 }).toBe(province.name);
  await expect.poll(() => page.locator(".page.home .brand-channel").textContent()).toBe(province.channelName);
  await expect.poll(() => page.locator(".brand-header").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(province.primaryColor));
}

async function pick(page: Page, from: Province, to: Province) {
  await page.getByRole("link", { name: messages.home.switchProvince }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1, name: provinceMessages.title }).isVisible()).toBe(true);
  const chosen = page.locator('.province-option[aria-current="true"]');
  await expect.poll(() => chosen.textContent()).toContain(from.name);
  expect(await chosen.textContent()).toContain(provinceMessages.current);
  await page.getByRole("button", { name: new RegExp(to.name) }).click();
  await homeShows(page, to);
}

const savedCodes = (page: Page) => page.locator(".page.home a[href*='/dossier?code=']").allTextContents();

describe("picking a province", () => {
  it("switches home, news, dossiers and the API's province to the one picked, and back to the first still signed in", async () => {
    const [thanhHoa, ngheAn] = await Promise.all([api<Province>("/v1/provinces/thanh-hoa"), api<Province>("/v1/provinces/nghe-an")]);
    const { page } = await openPhone();
    const calls = watchApi(page);
    const firstCode = demo.dossiers[0]!.code;
    const secondCode = demo2.dossiers[0]!.code;

    // In the build's province: signed in (the inbox needs it) and one dossier looked up.
    await page.goto(`${appUrl}/?devUser=browser-picker`);
    await homeShows(page, thanhHoa);
    await page.goto(`${appUrl}/inbox`);
    await expect.poll(() => page.evaluate(() => localStorage.getItem("motcua:thanh-hoa:session")), { timeout: 15_000 }).not.toBeNull();
    const session = await page.evaluate(() => localStorage.getItem("motcua:thanh-hoa:session"));
    await page.goto(`${appUrl}/dossier?code=${encodeURIComponent(firstCode)}`);
    await expect.poll(() => page.getByText(firstCode, { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto(`${appUrl}/`);
    await expect.poll(() => savedCodes(page)).toEqual([expect.stringContaining(firstCode)]);
    expect(calls.filter((c) => c.province !== "thanh-hoa")).toEqual([]);

    // The picker, from home's header: both provinces, the current one said as chosen.
    await page.getByRole("link", { name: messages.home.switchProvince }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: provinceMessages.title }).isVisible()).toBe(true);
    await expect.poll(() => page.locator(".province-option").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.province-option[aria-current="true"]').textContent()).toContain(thanhHoa.name);
    expect(await page.getByRole("button", { name: new RegExp(ngheAn.name) }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "province-01-picker").toEqual([]);
    await screenshot(page, "province-01-picker");
    await page.getByRole("button", { name: messages.app.back }).click();
    await homeShows(page, thanhHoa);

    // Nghệ An: its name and colours, none of Thanh Hóa's dossiers, every call naming it.
    const before = calls.length;
    await pick(page, thanhHoa, ngheAn);
    expect(await savedCodes(page)).toEqual([]);
    expect(await smallTextAndTapTargets(page), "province-02-home").toEqual([]);
    await screenshot(page, "province-02-home");
    // A Nghệ An dossier looked up from home; its read bookmark goes back with the calls after it.
    await page.getByRole("textbox", { name: messages.home.codeLabel }).fill(secondCode);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByText(secondCode, { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: messages.app.back }).click();
    await expect.poll(() => savedCodes(page)).toEqual([expect.stringContaining(secondCode)]);
    await page.getByRole("link", { name: new RegExp(messages.broadcasts.newsLink) }).click();
    await expect.poll(() => page.getByText("Theo dõi hồ sơ bằng mã trên giấy hẹn, không phải đến hỏi").isVisible(), { timeout: 15_000 }).toBe(true);
    const since = calls.slice(before);
    expect(since.filter((c) => c.province !== "nghe-an")).toEqual([]);
    expect(since.some((c) => c.path === "/v1/provinces/nghe-an")).toBe(true);
    expect(since.some((c) => c.path.startsWith("/v1/provinces/thanh-hoa"))).toBe(false);
    const lookup = since.findIndex((c) => c.path === `/v1/dossiers/${encodeURIComponent(secondCode)}`);
    const bookmark = since[lookup]?.answered;
    expect(bookmark).toBeTruthy();
    expect(since.slice(lookup + 1).find((c) => c.path.endsWith("/news"))?.bookmark).toBe(bookmark);
    await page.getByRole("button", { name: messages.app.back }).click();

    // This build's Zalo app signs citizens in to Thanh Hóa only: in Nghệ An, Tin nhắn says where they are, and no
    // sign-in is attempted (a refused token would count against the phone).
    await page.goto(`${appUrl}/inbox`);
    await expect.poll(() => page.getByText(messages.account.otherProvinceApp(ngheAn.name), { exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(messages.account.otherProvinceApp(ngheAn.name)).toContain("của tỉnh Nghệ An dùng mini app riêng");
    await screenshot(page, "province-03-inbox-elsewhere");
    expect(await page.getByRole("button", { name: messages.app.retry }).count()).toBe(0);
    expect(await page.getByRole("link", { name: messages.home.switchProvince }).isVisible()).toBe(true);
    expect(calls.filter((c) => c.path === "/v1/session" && c.province === "nghe-an")).toEqual([]);
    await page.goto(`${appUrl}/`);
    await homeShows(page, ngheAn);

    // Back to Thanh Hóa: its dossier, and its session, without signing in again.
    await pick(page, ngheAn, thanhHoa);
    expect(await savedCodes(page)).toEqual([expect.stringContaining(firstCode)]);
    const signIns = calls.filter((c) => c.path === "/v1/session").length;
    expect(signIns).toBe(1);
    await page.goto(`${appUrl}/inbox`);
    await expect.poll(() => page.getByRole("heading", { level: 1, name: messages.inbox.title }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => calls.some((c) => c.path === "/v1/me/inbox" && c.province === "thanh-hoa"), { timeout: 15_000 }).toBe(true);
    expect(calls.filter((c) => c.path === "/v1/session").length).toBe(signIns);
    expect(await page.evaluate(() => localStorage.getItem("motcua:thanh-hoa:session"))).toBe(session);
  });

  it("is reached from Trợ giúp too, and Quay lại leaves the province as it was", async () => {
    const thanhHoa = await api<Province>("/v1/provinces/thanh-hoa");
    const { page } = await openPhone();
    await page.goto(`${appUrl}/help`);
    await expect.poll(() => page.getByText(`Ông/bà đang xem thông tin của ${thanhHoa.name}.`).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("link", { name: "Đổi tỉnh, thành phố" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: provinceMessages.title }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.province-option[aria-current="true"]').textContent()).toContain(thanhHoa.name);
    // Choosing the province already chosen only goes back.
    await page.locator('.province-option[aria-current="true"]').click();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: messages.help.title }).isVisible()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem("motcua:province"))).toBeNull();
  });

  it("on the web, a phone where another province was chosen never paints the build's province, even before the script", async () => {
    const ngheAn = await api<Province>("/v1/provinces/nghe-an");
    const { page } = await openPhone();
    await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [PROVINCE_CHOICE_KEY, provinceChoiceValue(ngheAn)]);
    // The app's script never arrives: what index.html paints by itself.
    await page.route(/\/assets\/index-[^/]+\.js$/, (route) => route.abort());
    await page.goto(webUrl);
    const shell = page.locator("[data-shell] .brand-header");
    await expect.poll(() => shell.isVisible()).toBe(true);
    expect(await shell.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(ngheAn.primaryColor));
    expect(await page.locator("[data-shell] .brand-channel").evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    expect(await page.locator("[data-shell] .brand-province").evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    // With the script, the chosen province's name from the first render.
    await page.unrouteAll();
    await page.goto(webUrl);
    await homeShows(page, ngheAn);
  });
});
