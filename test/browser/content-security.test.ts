/**
 * The pages people open work under the Content-Security-Policy they are served with, in real Chromium: the API's
 * docs page (the Worker's CSP, with its stylesheet's nonce) and the web app (Workers static assets' _headers).
 * A policy that blocked something would show as a securitypolicyviolation event.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { messages } from "../../miniapp/src/messages";
import { screenshot } from "./phone";
import { phoneSuite } from "./suite";

const { apiUrl, webUrl } = inject("miniapp");
const openPhone = phoneSuite();

/** Every CSP violation on the page from now on. */
async function violations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("reportViolation", (line: string) => seen.push(line));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportViolation(line: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return seen;
}

describe("pages under their Content-Security-Policy", () => {
  it("the docs page renders with its stylesheet and loads nothing it may not", async () => {
    const { page } = await openPhone();
    const seen = await violations(page);
    const res = await page.goto(`${apiUrl}/docs`);
    expect(res!.headers()["content-security-policy"]).toMatch(/style-src 'nonce-/);
    await page.getByRole("heading", { name: /motcua API/ }).waitFor();
    // The inline stylesheet applied: the body's font and the method badges' colours come from it.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe("16px");
    expect(
      await page
        .locator(".m.post")
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe("rgb(46, 125, 50)");
    await screenshot(page, "docs-under-csp");
    expect(seen).toEqual([]);
  });

  it("the web app runs under the policy its static assets are served with", async () => {
    const { page } = await openPhone({ serviceWorkers: "block" });
    const seen = await violations(page);
    const stylesheets: string[] = [];
    page.on("request", (request) => request.resourceType() === "stylesheet" && stylesheets.push(request.url()));
    const res = await page.goto(`${webUrl}/feedback/public`);
    const csp = res!.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res!.headers()["referrer-policy"]).toBe("no-referrer");
    // The app's script ran and read the API: a page only the app draws, with the province's answered feedback.
    await expect.poll(() => page.getByRole("heading", { name: messages.feedback.publicTitle }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.waitForLoadState("networkidle");
    await screenshot(page, "web-under-csp");
    expect(seen).toEqual([]);
    // Its stylesheet is inline; the disabled link that tells lazy pages so is never fetched.
    expect(stylesheets).toEqual([]);
  });
});
