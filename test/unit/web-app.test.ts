/**
 * The web app's rules that need no browser: what its service worker may keep, the province's look the build
 * paints first, the home page's HTML shell, and which paths the Worker answers before its static assets.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { homeShellHtml, shellBranding, zaloTextColor } from "../../miniapp/build/shell";
import { messages } from "../../miniapp/src/messages";
import { requestKind, type RequestFacts } from "../../miniapp/service-worker/policy";
import { app } from "../../worker/src/app";
import { DEMO_PROVINCE } from "../../scripts/demo/province";

const ORIGIN = "https://tracuu.example.vn";
const PRECACHED = ["/", "/assets/index-abc.js", "/manifest.webmanifest", "/icon.svg"];
const kind = (path: string, facts: Partial<RequestFacts> = {}) =>
  requestKind({ method: "GET", url: `${ORIGIN}${path}`, mode: "cors", authorized: false, ...facts }, ORIGIN, PRECACHED);

describe("what the web app's service worker does with a request", () => {
  it("opens any page of the app from the network, with the cached shell as the fallback", () => {
    expect(kind("/", { mode: "navigate" })).toBe("navigation");
    expect(kind("/feedback/public", { mode: "navigate" })).toBe("navigation");
    expect(kind("/dossier?code=000.00.06.H56-261120-0001", { mode: "navigate" })).toBe("navigation");
  });

  it("serves built files from its cache", () => {
    expect(kind("/assets/index-abc.js")).toBe("asset");
    expect(kind("/assets/public-xyz.js")).toBe("asset");
    expect(kind("/manifest.webmanifest")).toBe("asset");
    expect(kind("/icon.svg")).toBe("asset");
  });

  it("keeps the last answer of the public reads of the province: itself, its procedure guide, its agencies", () => {
    expect(kind("/v1/provinces/thanh-hoa")).toBe("public-api");
    expect(kind("/v1/provinces/thanh-hoa/procedures")).toBe("public-api");
    expect(kind("/v1/provinces/thanh-hoa/procedures?q=ket%20hon")).toBe("public-api");
    expect(kind("/v1/provinces/thanh-hoa/procedures/1.001193")).toBe("public-api");
    expect(kind("/v1/provinces/thanh-hoa/agencies")).toBe("public-api");
  });

  it("never keeps a dossier, anything with a token, a signed-in request or another site's answer", () => {
    expect(kind("/v1/dossiers/000.00.06.H56-261120-0001")).toBe("network");
    expect(kind("/v1/dossiers/000.00.06.H56-261120-0001?t=abcdefgh12345678")).toBe("network");
    expect(kind("/v1/provinces/thanh-hoa?t=abcdefgh12345678")).toBe("network");
    expect(kind("/v1/me/follows")).toBe("network");
    expect(kind("/v1/staff/inbox")).toBe("network");
    expect(kind("/v1/media/abc.def")).toBe("network");
    expect(kind("/v1/provinces/thanh-hoa/feedback")).toBe("network");
    expect(kind("/v1/provinces")).toBe("network");
    expect(kind("/v1/provinces/thanh-hoa", { authorized: true })).toBe("network");
    expect(kind("/v1/session", { method: "POST" })).toBe("network");
    expect(kind("/v1/dossiers/000.00.06.H56-261120-0001/unlock", { method: "POST" })).toBe("network");
    expect(requestKind({ method: "GET", url: "https://api.example.vn/v1/provinces/thanh-hoa", mode: "cors", authorized: false }, ORIGIN, PRECACHED)).toBe(
      "network",
    );
  });
});

describe("the province's look in the first paint", () => {
  it("is the demo province's when the build serves it and names nothing else", () => {
    expect(shellBranding("thanh-hoa", {})).toEqual({
      channelName: DEMO_PROVINCE.channelName,
      provinceName: DEMO_PROVINCE.name,
      primaryColor: DEMO_PROVINCE.primaryColor,
      accentColor: DEMO_PROVINCE.accentColor,
    });
  });

  it("comes from the build's settings for another province, and neutral with a warning without them", () => {
    const warnings: string[] = [];
    expect(shellBranding("nghe-an", {}, (w) => warnings.push(w))).toMatchObject({ channelName: messages.home.fallbackChannel, provinceName: null });
    expect(warnings).toHaveLength(1);
    const env = {
      VITE_PROVINCE_CHANNEL: "Dịch vụ công Nghệ An",
      VITE_PROVINCE_NAME: "Tỉnh Nghệ An",
      VITE_PROVINCE_COLOR: "#005f73",
      VITE_PROVINCE_ACCENT: "#ee9b00",
    };
    expect(shellBranding("nghe-an", env)).toEqual({
      channelName: "Dịch vụ công Nghệ An",
      provinceName: "Tỉnh Nghệ An",
      primaryColor: "#005f73",
      accentColor: "#ee9b00",
    });
  });

  it("gives Zalo's own header a text colour readable on the province's colour", () => {
    expect(zaloTextColor("#a4161a")).toBe("white");
    expect(zaloTextColor("#f4d03f")).toBe("black");
  });

  it("refuses a colour that is not #rrggbb rather than paint nothing", () => {
    expect(() => shellBranding("thanh-hoa", { VITE_PROVINCE_COLOR: "red" })).toThrow(/VITE_PROVINCE_COLOR/);
  });
});

describe("the home page's HTML shell", () => {
  const branding = { channelName: "Dịch vụ công <Thử>", provinceName: "Tỉnh Thử", primaryColor: "#a4161a", accentColor: "#e8a317" };

  it("carries the home page's own words and a form that opens the dossier page without the script", () => {
    const html = homeShellHtml(branding, "/");
    for (const text of [
      messages.home.headline,
      messages.home.codeLabel,
      messages.home.codeHint,
      messages.home.lookUp,
      messages.home.or,
      messages.home.scan,
      messages.home.scanHint,
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain('<form class="stack" action="/dossier" method="get">');
    expect(html).toMatch(/<input id="dossier-code" name="code"/);
    expect(html).toContain("Dịch vụ công &lt;Thử&gt;");
    expect(homeShellHtml(branding, "./")).toContain('action="./dossier"');
    expect(html).toContain('<p class="brand-province">Tỉnh Thử</p><a href="/provinces" class="brand-switch">Đổi tỉnh</a>');
    expect(homeShellHtml({ ...branding, provinceName: null }, "/")).not.toContain('class="brand-province"');
    // The province picker is there without the province's name too.
    expect(homeShellHtml({ ...branding, provinceName: null }, "/")).toContain(`>${messages.home.switchProvince}</a>`);
  });
});

/** wrangler.jsonc is JSON with // comments. */
const wranglerConfig = () =>
  JSON.parse(readFileSync(new URL("../../wrangler.jsonc", import.meta.url), "utf8").replace(/^\s*\/\/.*$/gm, "")) as {
    assets: { directory: string; not_found_handling: string; run_worker_first: string[] };
  };
const runsWorkerFirst = (patterns: string[], path: string) =>
  patterns.some((pattern) => (pattern.endsWith("/*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern));

describe("the Worker and the web app on one origin", () => {
  const { assets } = wranglerConfig();

  it("runs the Worker first for every route it has, so the app's fallback never hides one", () => {
    const routes = app.routes.filter((route) => route.method !== "ALL" && route.path !== "/").map((route) => route.path);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((path) => !runsWorkerFirst(assets.run_worker_first, path))).toEqual([]);
  });

  it("leaves / and the app's pages to the web build, which answers any other path with the app", () => {
    for (const path of ["/", "/dossier", "/procedures", "/feedback/public"]) expect(runsWorkerFirst(assets.run_worker_first, path), path).toBe(false);
    expect(assets).toMatchObject({ directory: "./dist/web", not_found_handling: "single-page-application" });
  });
});
