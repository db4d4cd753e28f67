/**
 * The same app on the web: the web build (`vite build --mode web`) served by the Worker itself at `/` (Workers
 * static assets under wrangler dev, as deployed), for a citizen without Zalo. Its first screen is painted from
 * index.html before the script arrives, its deep links load on a full page load, it can be installed, and once
 * seen it opens without network.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page, Route } from "playwright-core";
import type { OwnerDossier, ProcedureSummary, Province, PublicDossier } from "../../miniapp/src/api/types";
import { messages } from "../../miniapp/src/messages";
import { screenshot, smallTextAndTapTargets, type Phone } from "./phone";
import { api, phoneSuite } from "./suite";

const { webUrl, demo } = inject("miniapp");

const openPhone = phoneSuite();
let phone: Phone | undefined;

/** The web app's origin answers the API too (the same Worker). */
const webApi = <T>(path: string) => api<T>(path, webUrl);
const province = () => webApi<Province>(`/v1/provinces/${demo.provinceId}`);
const rgb = (hex: string) =>
  `rgb(${hex
    .match(/[0-9a-f]{2}/gi)!
    .map((h) => parseInt(h, 16))
    .join(", ")})`;

/** The page's own script, as index.html names it. */
async function entryScript(): Promise<string> {
  const html = await (await fetch(`${webUrl}/`)).text();
  const src = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error("index.html names no module script");
  return new URL(src, webUrl).href;
}

/** Holds the app's script on the wire until `release()`: what a slow network does to it. */
async function holdScript(page: Page): Promise<() => void> {
  const script = await entryScript();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(script, async (route: Route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Where the home page's parts sit on the screen. */
function homeLayout(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [".brand-header", ".brand-channel", ".lookup-card", "#dossier-code", 'button[type="submit"]', ".divider", ".scan-button"].map((selector) => {
        const box = document.querySelector(selector)!.getBoundingClientRect();
        return [selector, [box.x, box.y, box.width, box.height].map((n) => Math.round(n * 10) / 10)];
      }),
    ),
  );
}

/** The start of the dossier page's notice that it shows the copy kept on the phone. */
const offlineNotice = messages.dossier.offlineBanner("").split(".")[0]!;

const takenOver = (page: Page) => page.locator(".page.home:not([data-shell])").count();
const shellShown = (page: Page) => page.locator("[data-shell]").isVisible();

describe("the web app served by the Worker", () => {
  it("serves the app at / with the home page already in index.html, and keeps the API on the Worker", async () => {
    const res = await fetch(`${webUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    const { channelName, primaryColor } = await province();
    expect(html).toContain("data-shell");
    expect(html).toContain(`<h1 class="brand-channel">${channelName}</h1>`);
    expect(html).toContain(`--brand:${primaryColor}`);
    // The stylesheet is inside: nothing but the HTML stands between the citizen and the first paint. (A disabled
    // link only tells lazily loaded pages the styles are there; it is never fetched.)
    expect(html).not.toMatch(/<link rel="stylesheet"(?![^>]*\sdisabled)[^>]*>/);
    expect(html).toContain("<style>");

    // The Worker still answers its own paths, with JSON errors; an app path gets the app.
    expect((await fetch(`${webUrl}/v1/provinces/${demo.provinceId}`)).headers.get("content-type")).toContain("application/json");
    const unknownApi = await fetch(`${webUrl}/v1/no-such-route`);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get("content-type")).toContain("application/json");
    expect(await (await fetch(`${webUrl}/docs`)).text()).toContain("/v1/openapi.json");
    expect(await (await fetch(`${webUrl}/procedures`)).text()).toContain("data-shell");

    // Built files are kept for good (their names change with their content); the page itself is not.
    const script = await fetch(await entryScript());
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect(res.headers.get("cache-control")).not.toContain("immutable");
    // A file name from an older build is not kept for good as whatever answers it now.
    expect((await fetch(`${webUrl}/assets/index-0ld0ld0l.js`)).headers.get("cache-control") ?? "").not.toContain("immutable");
  });

  it("without its script the page already shows the province's header, the code field and the scan button, and Enter opens the dossier", async () => {
    const { channelName, name, primaryColor } = await province();
    const { page } = await openPhone({ javaScriptEnabled: false });
    await page.goto(webUrl);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(channelName);
    expect(await page.getByText(name, { exact: true }).isVisible()).toBe(true);
    expect(await page.locator(".brand-header").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(primaryColor));
    expect(await page.getByRole("textbox", { name: messages.home.codeLabel }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: messages.home.scan }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "web-01-shell").toEqual([]);
    await screenshot(page, "web-01-shell");

    const code = demo.dossiers[0]!.code;
    await page.getByRole("textbox", { name: messages.home.codeLabel }).fill(code);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/dossier");
    expect(new URL(page.url()).searchParams.get("code")).toBe(code);
  });

  it("the script takes over the painted page in one frame, without moving anything, keeping what was typed", async () => {
    phone = await openPhone();
    const page = phone.page;
    // Every frame until the app has taken over must show a home page: no blank frame between the two.
    await page.addInitScript(() => {
      const w = window as Window & { __blankFrames?: number };
      w.__blankFrames = 0;
      let painted = false;
      const check = () => {
        const home = !!document.querySelector("#app .page.home");
        if (painted && !home) w.__blankFrames!++;
        painted ||= home;
        if (!document.querySelector(".page.home:not([data-shell])")) requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    const release = await holdScript(page);
    await page.goto(webUrl, { waitUntil: "commit" });
    const field = page.getByRole("textbox", { name: messages.home.codeLabel });
    await expect.poll(() => field.isVisible()).toBe(true);
    const painted = await homeLayout(page);
    const { primaryColor } = await province();
    expect(await page.locator(".brand-header").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(primaryColor));

    // The citizen starts typing before the script has arrived.
    const code = demo.dossiers[0]!.code;
    await field.click();
    await page.keyboard.type(code.slice(0, 9));
    expect(await takenOver(page)).toBe(0);
    release();
    await expect.poll(() => takenOver(page)).toBe(1);

    expect(await homeLayout(page)).toEqual(painted);
    expect(await page.evaluate(() => (window as Window & { __blankFrames?: number }).__blankFrames)).toBe(0);
    expect(await page.locator("[data-shell]").count()).toBe(0);
    expect(await field.inputValue()).toBe(code.slice(0, 9));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("dossier-code");
    // …and goes on typing where they were, then looks the dossier up inside the app.
    await page.keyboard.type(code.slice(9));
    expect(await field.inputValue()).toBe(code);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByText(code, { exact: true }).isVisible()).toBe(true);
    expect(await page.evaluate(() => (window.history.state as { index?: number } | null)?.index)).toBe(1);
  });

  it("a tap on the scan button before the script arrives is answered once it has", async () => {
    phone = await openPhone();
    const page = phone.page;
    const release = await holdScript(page);
    await page.goto(webUrl, { waitUntil: "commit" });
    const scan = page.getByRole("button", { name: messages.home.scan });
    await expect.poll(() => scan.isVisible()).toBe(true);
    await scan.click();
    release();
    // Outside Zalo there is no camera scanner: the app offers to type the code or pick a photo of the QR.
    await expect.poll(() => page.getByText(messages.scanFallback.body).isVisible()).toBe(true);
  });
});

describe("deep links on a full page load", () => {
  it("opens /feedback/public and /dossier?code=… directly, never painting the home page first", async () => {
    phone = await openPhone();
    const page = phone.page;
    const release = await holdScript(page);
    await page.goto(`${webUrl}/feedback/public`, { waitUntil: "commit" });
    await page.waitForSelector("#app", { state: "attached" });
    expect(await shellShown(page)).toBe(false);
    release();
    await expect.poll(() => page.getByRole("heading", { name: messages.feedback.publicTitle }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "web-02-feedback-public").toEqual([]);
    await screenshot(page, "web-02-feedback-public");

    const entry = demo.dossiers.find((d) => !d.overdue) ?? demo.dossiers[0]!;
    const view = await webApi<PublicDossier>(`/v1/dossiers/${encodeURIComponent(entry.code)}`);
    await page.goto(`${webUrl}/dossier?code=${encodeURIComponent(entry.code)}`);
    await expect.poll(() => page.getByText(entry.code, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(view.agency.name).first().isVisible()).toBe(true);
    expect(await shellShown(page)).toBe(false);
    await screenshot(page, "web-03-dossier-deep-link");
  });
});

describe("installable", () => {
  it("has a manifest in the province's colours and a service worker, so the browser offers to install it", async () => {
    const { channelName, primaryColor } = await province();
    phone = await openPhone({ serviceWorkers: "allow" });
    const page = phone.page;
    await page.goto(webUrl);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await phone.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
    // Every playwright context is an incognito profile, which Chromium never offers to install from.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito")).toEqual([]);
    const manifest = await webApi<{ name: string; theme_color: string; start_url: string; display: string }>("/manifest.webmanifest");
    expect(manifest).toMatchObject({ name: channelName, theme_color: primaryColor, start_url: "/", display: "standalone" });
  });
});

describe("without network", () => {
  it("a reload without network shows the app, the procedure guide and a dossier seen before; nothing personal is cached", async () => {
    const { procedures } = await webApi<{ procedures: ProcedureSummary[] }>(`/v1/provinces/${demo.provinceId}/procedures`);
    const procedure = procedures[0]!;
    const looked = demo.dossiers.find((d) => d.status === 4) ?? demo.dossiers[0]!;
    const owned = demo.featured[0]!;
    const ownerView = await webApi<OwnerDossier>(`/v1/dossiers/${encodeURIComponent(owned.code)}?t=${new URL(owned.qrContent).searchParams.get("t")}`);

    phone = await openPhone({ serviceWorkers: "allow" });
    const { page, context } = phone;
    // A cache an older build left behind, and one that is not the app's: the new service worker removes the first.
    await page.addInitScript(() => {
      if (!navigator.serviceWorker.controller) void Promise.all([caches.open("motcua-shell-0123456789ab"), caches.open("someone-else")]);
    });
    await page.goto(webUrl);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    // Online: the procedure guide, one procedure, a dossier looked up by its code, a slip's owner view.
    await page.getByRole("link", { name: new RegExp(messages.home.guideLink) }).click();
    await expect.poll(() => page.getByText(procedure.name, { exact: true }).first().isVisible()).toBe(true);
    await page.getByText(procedure.name, { exact: true }).first().click();
    await expect.poll(() => page.getByRole("heading", { name: messages.procedure.documentsTitle }).isVisible()).toBe(true);
    await page.goto(webUrl);
    await page.getByRole("textbox", { name: messages.home.codeLabel }).fill(looked.code);
    await page.getByRole("button", { name: messages.home.lookUp }).click();
    await expect.poll(() => page.getByText(looked.code, { exact: true }).isVisible()).toBe(true);
    await page.goto(`${webUrl}/dossier${new URL(owned.qrContent).search}`);
    await expect.poll(() => page.getByText(ownerView.applicant.name, { exact: true }).isVisible()).toBe(true);

    const version = /"?version"?:"([0-9a-f]{12})"/.exec(await (await fetch(`${webUrl}/sw.js`)).text())?.[1];
    expect(version).toBeTruthy();
    const cached = await page.evaluate(async () => {
      const all: Record<string, string[]> = {};
      for (const name of await caches.keys()) all[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
      return all;
    });
    expect(Object.keys(cached).sort()).toEqual([`motcua-api-${version}`, `motcua-shell-${version}`, "someone-else"]);
    const urls = Object.values(cached).flat();
    expect(urls.some((url) => url.includes(`/v1/provinces/${demo.provinceId}/procedures`))).toBe(true);
    // No dossier, no token, nothing of a signed-in citizen in any cache.
    expect(urls.filter((url) => /\/v1\/(dossiers|me|staff|session|media)|[?&]t=/.test(url))).toEqual([]);

    await page.goto(webUrl);
    await expect.poll(() => takenOver(page)).toBe(1);
    await context.setOffline(true);
    expect(
      await page.evaluate(() =>
        fetch("/v1/provinces").then(
          () => "answered",
          () => "no network",
        ),
      ),
    ).toBe("no network");

    await page.reload();
    await expect.poll(() => takenOver(page)).toBe(1);
    expect(await page.getByRole("textbox", { name: messages.home.codeLabel }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(looked.code, { exact: true }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "web-04-offline-home").toEqual([]);
    await screenshot(page, "web-04-offline-home");

    await page.getByRole("link", { name: new RegExp(messages.home.guideLink) }).click();
    await expect.poll(() => page.getByText(procedure.name, { exact: true }).first().isVisible()).toBe(true);
    await screenshot(page, "web-05-offline-procedures");

    await page.goto(`${webUrl}/procedure?code=${encodeURIComponent(procedure.code)}`);
    await expect.poll(() => page.getByRole("heading", { name: messages.procedure.documentsTitle }).isVisible()).toBe(true);

    await page.goto(`${webUrl}/dossier?code=${encodeURIComponent(looked.code)}`);
    await expect.poll(() => page.getByText(offlineNotice, { exact: false }).isVisible()).toBe(true);
    expect(await page.getByText(looked.code, { exact: true }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "web-06-offline-dossier").toEqual([]);
    await screenshot(page, "web-06-offline-dossier");
    await context.setOffline(false);
  });
});
