import { createHash } from "node:crypto";

/**
 * The web app's security headers, for every path Workers static assets serve (the API's own come from the Worker,
 * worker/src/security/headers.ts). Its scripts are files of the build, and the few small ones index.html carries
 * inline (the shell's, the dossier page's preload) are allowed by their hash, nothing else inline; its one
 * stylesheet is inline and zmp-ui sets style attributes, so styles may be inline. Pictures may come from a
 * province's logo address; zmp-ui's icon font comes from Zalo's CDN. Nothing may frame the app, and no URL (owner
 * links carry ?t=) leaves through Referer.
 */
const contentSecurityPolicy = (inlineScripts: string[]) =>
  [
    "default-src 'self'",
    `script-src 'self' ${inlineScripts.map((script) => `'sha256-${createHash("sha256").update(script).digest("base64")}'`).join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data: https://h5.zadn.vn",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

/** The bodies of the page's inline scripts, exactly as the browser hashes them. */
const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

/**
 * One `_headers` rule for every path, for the final `html` of index.html; Cloudflare applies it together with the
 * more specific caching rules.
 */
export const securityRule = (html: string) =>
  [
    "/*",
    `  Content-Security-Policy: ${contentSecurityPolicy(inlineScripts(html))}`,
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: no-referrer",
    "  X-Frame-Options: DENY",
    "  Cross-Origin-Opener-Policy: same-origin",
    "",
  ].join("\n");
