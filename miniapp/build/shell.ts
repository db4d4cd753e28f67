/**
 * The home page as plain HTML, written into index.html at build time, so a phone on a slow network paints the
 * province's header, "Nhập mã hồ sơ" and "Quét mã QR" as soon as the HTML arrives, before the script. The markup
 * copies what pages/home renders (same elements, same classes, the same stylesheet), so when React renders the
 * home page it replaces this copy in the same frame without moving anything; test/browser/web.test.ts holds the
 * two side by side. What the citizen does here before the script arrives carries over (pages/home/handover.ts);
 * the form even works without it: Enter opens the dossier page with the code (a plain GET).
 *
 * Inside Zalo this file does not matter: Zalo builds the page from www/app-config.json (listCSS, listSyncJS) and
 * paints its own header in `headerColor`, which the build sets to the same colour.
 */
import { inkOn, isHexColor } from "../src/domain/colors";
import { PROVINCE_CHOICE_KEY } from "../src/domain/province-choice";
import { messages } from "../src/messages";
import { DEMO_PROVINCE, DEMO_PROVINCE_ID } from "../../scripts/demo/province";

/** What the first paint needs to know of the province. The API's GET /v1/provinces/{id} has the same fields. */
export type ShellBranding = {
  channelName: string;
  /** Shown under the channel's name; null when the build does not know it. */
  provinceName: string | null;
  primaryColor: string;
  accentColor: string;
};

/** app.css's own defaults, for a build that names no colours (then the API's colours arrive with the script). */
const NEUTRAL = { primaryColor: "#0b5cad", accentColor: "#f4b400" };

/**
 * The province's look from the build environment: VITE_PROVINCE_CHANNEL, VITE_PROVINCE_NAME, VITE_PROVINCE_COLOR,
 * VITE_PROVINCE_ACCENT. The demo province's are the defaults when the build serves it; another province without
 * them gets neutral colours and a warning.
 */
export function shellBranding(provinceId: string, env: Record<string, string | undefined>, warn: (message: string) => void = () => undefined): ShellBranding {
  const demo = provinceId === DEMO_PROVINCE_ID;
  const fallback: ShellBranding = demo
    ? {
        channelName: DEMO_PROVINCE.channelName,
        provinceName: DEMO_PROVINCE.name,
        primaryColor: DEMO_PROVINCE.primaryColor,
        accentColor: DEMO_PROVINCE.accentColor,
      }
    : { channelName: messages.home.fallbackChannel, provinceName: null, ...NEUTRAL };
  if (!demo && !env.VITE_PROVINCE_COLOR) {
    warn(`VITE_PROVINCE_COLOR is not set for province "${provinceId}": the first paint uses neutral colours until the API answers.`);
  }
  const color = (value: string | undefined, otherwise: string, name: string) => {
    if (!value) return otherwise;
    if (!isHexColor(value)) throw new Error(`${name} must be a colour like #a4161a, not "${value}"`);
    return value;
  };
  return {
    channelName: env.VITE_PROVINCE_CHANNEL?.trim() || fallback.channelName,
    provinceName: env.VITE_PROVINCE_NAME?.trim() || fallback.provinceName,
    primaryColor: color(env.VITE_PROVINCE_COLOR, fallback.primaryColor, "VITE_PROVINCE_COLOR"),
    accentColor: color(env.VITE_PROVINCE_ACCENT, fallback.accentColor, "VITE_PROVINCE_ACCENT"),
  };
}

/** app-config.json's textColor (Zalo takes "white" or "black") for text on the province's colour. */
export function zaloTextColor(primaryColor: string): "white" | "black" {
  return inkOn(primaryColor) === "#ffffff" ? "white" : "black";
}

export const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The brand variables app.css reads, on <html> itself, so nothing is ever painted in the default blue. */
export function brandStyle(branding: ShellBranding): string {
  return `--brand:${branding.primaryColor};--brand-ink:${inkOn(branding.primaryColor)};--brand-accent:${branding.accentColor}`;
}

// The same drawings as components/icons.tsx (SearchIcon, QrIcon), as React renders them.
const SVG_OPEN = (size: number) =>
  `<svg width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">`;
const SEARCH_ICON = `${SVG_OPEN(24)}<circle cx="11" cy="11" r="7"></circle><path d="M21 21l-4.3-4.3"></path></svg>`;
const QR_ICON = `${SVG_OPEN(28)}<rect x="3" y="3" width="7" height="7" rx="1"></rect><rect x="14" y="3" width="7" height="7" rx="1"></rect><rect x="3" y="14" width="7" height="7" rx="1"></rect><path d="M14 14h3v3h-3zM20 14v.01M14 20h.01M17 20h4v-3"></path></svg>`;

const button = (variant: "primary" | "secondary", type: "submit" | "button", icon: string, label: string, extra = "") =>
  `<button class="zaui-btn zaui-btn-${variant} zaui-btn-prefix-icon zaui-btn-large zaui-btn-full-width${extra}" type="${type}"` +
  `${type === "button" ? " data-shell-scan" : ""}><div class="zaui-btn-container"><span class="zaui-btn-icon">${icon}</span><span>${escapeHtml(label)}</span></div></button>`;

/**
 * The home page's header and lookup card. `base` is the build's base ("/" on the web, "./" for Zalo): the form
 * goes to the app's own dossier page.
 */
export function homeShellHtml(branding: ShellBranding, base: string): string {
  const home = messages.home;
  return [
    `<div class="page home" data-shell>`,
    `<header class="brand-header">`,
    `<h1 class="brand-channel">${escapeHtml(branding.channelName)}</h1>`,
    `<div class="brand-province-row">`,
    branding.provinceName ? `<p class="brand-province">${escapeHtml(branding.provinceName)}</p>` : "",
    `<a href="${base}provinces" class="brand-switch">${escapeHtml(home.switchProvince)}</a>`,
    `</div>`,
    `<p class="brand-headline">${escapeHtml(home.headline)}</p>`,
    `</header>`,
    `<main class="page-body">`,
    `<section class="card lookup-card">`,
    `<form class="stack" action="${base}dossier" method="get">`,
    `<label id="code-label" class="field-label field-label-large" for="dossier-code">${escapeHtml(home.codeLabel)}</label>`,
    `<input id="dossier-code" name="code" class="text-input code-input" type="text" inputmode="text" enterkeyhint="search" autocapitalize="characters" autocomplete="off" autocorrect="off" spellcheck="false" required placeholder="${escapeHtml(home.codePlaceholder)}" aria-describedby="code-hint">`,
    `<p id="code-hint" class="muted">${escapeHtml(home.codeHint)}</p>`,
    button("primary", "submit", SEARCH_ICON, home.lookUp),
    `</form>`,
    `<p class="divider"><span>${escapeHtml(home.or)}</span></p>`,
    button("secondary", "button", QR_ICON, home.scan, " scan-button"),
    `<p class="muted">${escapeHtml(home.scanHint)}</p>`,
    `</section>`,
    `</main>`,
    `</div>`,
  ].join("");
}

/**
 * Runs while the HTML is parsed, before the first paint: on any page but the home page (a deep link such as
 * /dossier?code=… or /feedback/public served the same index.html) the home copy stays hidden, and a tap on
 * "Quét mã QR" before the script arrives is remembered for it. The home test is detectBasename's in
 * navigation/location.ts: "/", or Zalo's "/zapps/<id>/". When the citizen chose another province than the build's
 * (src/domain/province-choice.ts, the same key), the copy takes that province's colours and hides the build's
 * province's name until the script writes the chosen one: never a moment of the wrong province.
 */
export function shellBootScript(provinceId: string): string {
  return (
    `(function(d,w){` +
    `if(!/^(\\/zapps\\/[^/]+)?\\/?(index\\.html)?$/.test(w.location.pathname))d.documentElement.className+=" deep-link";` +
    `try{var p=JSON.parse(w.localStorage.getItem(${JSON.stringify(PROVINCE_CHOICE_KEY)})),h=/^#[0-9a-f]{6}$/i,s=d.documentElement.style;` +
    `if(p&&p.id&&p.id!==${JSON.stringify(provinceId)}){d.documentElement.className+=" other-province";` +
    `if(h.test(p.primaryColor))s.setProperty("--brand",p.primaryColor);if(h.test(p.accentColor))s.setProperty("--brand-accent",p.accentColor)}}catch(e){}` +
    `d.addEventListener("click",function(e){var t=e.target;if(t&&t.closest&&t.closest("[data-shell-scan]"))w.__motcuaShellScan=true},true)` +
    `})(document,window)`
  );
}

export const SHELL_STYLE = `.deep-link [data-shell]{display:none}.other-province [data-shell] .brand-channel,.other-province [data-shell] .brand-province{visibility:hidden}`;
