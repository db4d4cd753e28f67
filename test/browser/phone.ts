/**
 * A cheap Android phone in headless Chromium: 390×844, Vietnamese locale, Vietnam's time zone, touch. Debian's
 * chromium (never a downloaded browser), started with the flags these machines need.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const SCREENSHOT_DIR = fileURLToPath(new URL("../../test-results/miniapp/", import.meta.url));

export type Phone = { context: BrowserContext; page: Page; pageErrors: string[] };

/** playwright gives every launch a new temporary profile (the --user-data-dir these machines need). */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return { browser, close: () => browser.close() };
}

/**
 * `serviceWorkers: "allow"` for the web app's offline tests; otherwise blocked, so no test depends on what an
 * earlier page left in a cache. `javaScriptEnabled: false` for what a page shows before its script runs.
 */
export async function newPhone(browser: Browser, options: { serviceWorkers?: "allow" | "block"; javaScriptEnabled?: boolean } = {}): Promise<Phone> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    serviceWorkers: options.serviceWorkers ?? "block",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(`${error.message}\n${error.stack ?? ""}`.trim()));
  return { context, page, pageErrors };
}

/** A 390×844 screenshot (what the phone's screen shows) into the git-ignored test-results/ folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * What an elderly citizen needs on a small screen: no visible text under 16 px, no link, button or field under
 * 44 px high. Returns what breaks the rule, to compare with [].
 */
export function smallTextAndTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden" || style.display === "none") continue;
      const label = (element.textContent ?? element.getAttribute("aria-label") ?? element.tagName).trim().slice(0, 40);
      const ownText = Array.from(element.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== "");
      if (ownText && parseFloat(style.fontSize) < 16) problems.push(`${parseFloat(style.fontSize)}px text: ${label}`);
      if (element.matches("a[href], button, input, select, textarea") && rect.height < 44) {
        problems.push(`${Math.round(rect.height)}px tall ${element.tagName.toLowerCase()}: ${label}`);
      }
    }
    return problems;
  });
}
