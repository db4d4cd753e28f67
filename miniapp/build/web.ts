/**
 * Build steps of the mini app beyond Vite's own (see ../vite.config.ts):
 *
 *   homeShell   both builds: the home page's shell in index.html, the province's colours on <html>
 *   webApp      the web build: the stylesheet inline in index.html, the service worker (../service-worker),
 *               the web app manifest and its icon, and the caching rules for Workers static assets (_headers)
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin, type ResolvedConfig, type Rollup } from "vite";
import { inkOn } from "../src/domain/colors";
import { securityRule } from "./security-headers";
import { messages } from "../src/messages";
import { brandStyle, escapeHtml, homeShellHtml, SHELL_STYLE, shellBootScript, type ShellBranding } from "./shell";

type OutputAsset = Rollup.OutputAsset;
type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

const SHELL_MARK = "<!--home-shell-->";
/** The page a slip's QR opens, loaded on demand by src/app.tsx: index.html asks for it early on its address. */
const DOSSIER_PAGE_MODULE = "pages/dossier/index.tsx";

/** `provinceId`: the build's province; a phone where another was chosen paints that one's colours (shellBootScript). */
export function homeShell(branding: ShellBranding, provinceId: string): Plugin {
  let base = "/";
  return {
    name: "motcua-home-shell",
    apply: "build",
    configResolved(config: ResolvedConfig) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "pre",
      handler(html) {
        if (!html.includes(SHELL_MARK)) throw new Error(`index.html has no ${SHELL_MARK} inside #app`);
        return {
          html: html
            .replace(SHELL_MARK, homeShellHtml(branding, base))
            .replace(/<html lang="vi">/, `<html lang="vi" style="${brandStyle(branding)}">`)
            .replace(/(<meta name="theme-color" content=")[^"]*(")/, `$1${branding.primaryColor}$2`)
            .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(branding.channelName)}</title>`),
          tags: [
            { tag: "style", children: SHELL_STYLE, injectTo: "head" },
            { tag: "script", children: shellBootScript(provinceId), injectTo: "head" },
          ],
        };
      },
    },
  };
}

export const MANIFEST_FILE = "manifest.webmanifest";
export const ICON_FILE = "icon.svg";
export const SERVICE_WORKER_FILE = "sw.js";
const SERVICE_WORKER_SOURCES = ["sw.ts", "policy.ts"];

export function webApp(opts: { branding: ShellBranding; appDir: string; inlineStyles: boolean }): Plugin {
  const { branding } = opts;
  return {
    name: "motcua-web-app",
    apply: "build",
    enforce: "post",
    transformIndexHtml(html) {
      return {
        html: html.replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="/${ICON_FILE}" type="image/svg+xml" />`),
        tags: [{ tag: "link", attrs: { rel: "manifest", href: `/${MANIFEST_FILE}` }, injectTo: "head" }],
      };
    },
    async generateBundle(_options, bundle) {
      const page = bundle["index.html"];
      if (page?.type !== "asset") throw new Error("the web build has no index.html");
      if (opts.inlineStyles) page.source = inlineStylesheets(String(page.source), bundle);
      const dossierPage = lazyPageScripts(bundle, DOSSIER_PAGE_MODULE);
      page.source = String(page.source).replace("</head>", `${preloadOnPath(/^\/dossier\/?$/, dossierPage)}</head>`);

      this.emitFile({ type: "asset", fileName: MANIFEST_FILE, source: JSON.stringify(manifest(branding), null, 2) });
      this.emitFile({ type: "asset", fileName: ICON_FILE, source: icon(branding.primaryColor) });
      this.emitFile({ type: "asset", fileName: "_headers", source: securityRule(String(page.source)) + cachingRules(bundle) });

      // The version names the caches: it changes with the page, its files and the service worker's own code.
      // The dossier page too: a dossier kept on the phone opens offline even if it was never opened since this build.
      const scripts = new Set([...initialScripts(bundle).map((chunk) => chunk.fileName), ...dossierPage]);
      const files = ["/", ...[...scripts].map((name) => `/${name}`), `/${MANIFEST_FILE}`, `/${ICON_FILE}`];
      const version = createHash("sha256").update(String(page.source)).update(files.join("\n"));
      for (const source of SERVICE_WORKER_SOURCES) version.update(readFileSync(path.join(opts.appDir, "service-worker", source)));
      this.emitFile({
        type: "asset",
        fileName: SERVICE_WORKER_FILE,
        source: await buildServiceWorker(opts.appDir, { version: version.digest("hex").slice(0, 12), files }),
      });
    },
  };
}

const chunksOf = (bundle: OutputBundle) => Object.values(bundle).filter((file): file is OutputChunk => file.type === "chunk");

/** `roots` and every script they import statically, leaving out the scripts named in `loaded`. */
function withStaticImports(bundle: OutputBundle, roots: OutputChunk[], loaded: ReadonlySet<string> = new Set()): OutputChunk[] {
  const byName = new Map(chunksOf(bundle).map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName) || loaded.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const name of chunk.imports) {
      const imported = byName.get(name);
      if (imported) visit(imported);
    }
  };
  for (const root of roots) visit(root);
  return [...seen].map((name) => byName.get(name)!);
}

/** The entry script and every script it imports statically: what the first screen loads before it renders. */
export function initialScripts(bundle: OutputBundle): OutputChunk[] {
  return withStaticImports(
    bundle,
    chunksOf(bundle).filter((chunk) => chunk.isEntry),
  );
}

/**
 * A page loaded on demand (its module path under src/): its own script and the scripts it imports statically,
 * but for those the first screen loads anyway.
 */
export function lazyPageScripts(bundle: OutputBundle, modulePath: string): string[] {
  const page = chunksOf(bundle).find((chunk) => chunk.facadeModuleId?.replaceAll("\\", "/").endsWith(`/src/${modulePath}`));
  if (!page) throw new Error(`the build has no chunk of its own for src/${modulePath}`);
  const initial = new Set(initialScripts(bundle).map((chunk) => chunk.fileName));
  return withStaticImports(bundle, [page], initial).map((chunk) => chunk.fileName);
}

/**
 * An inline script for index.html: on an address that opens that page first (a slip's QR opens /dossier), its
 * scripts start downloading beside the first script instead of after it has run.
 */
export function preloadOnPath(path: RegExp, files: readonly string[]): string {
  const hrefs = JSON.stringify(files.map((name) => `/${name}`));
  return (
    `<script>if(${path.toString()}.test(location.pathname))${hrefs}.forEach(function(h){` +
    `var l=document.createElement("link");l.rel="modulepreload";l.href=h;document.head.appendChild(l)})</script>`
  );
}

/**
 * The stylesheets index.html links, written into it instead: the first paint needs no second request. The files
 * leave the build. Lazily loaded pages still list them among their dependencies, and Vite's preloader loads a
 * stylesheet unless a <link rel="stylesheet"> with its address is on the page: a disabled one (never fetched,
 * never applied) tells it the styles are there already. Without it, the preloader fetched the SPA fallback's HTML
 * as CSS, which a browser refuses under nosniff, and the page failed to load.
 */
function inlineStylesheets(html: string, bundle: OutputBundle): string {
  return html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (_link, fileName: string) => {
    const css = bundle[fileName] as OutputAsset | undefined;
    if (css?.type !== "asset") throw new Error(`index.html links ${fileName}, which the build did not make`);
    delete bundle[fileName];
    return `<style>${String(css.source).replace(/<\/style/gi, "<\\/style")}</style><link rel="stylesheet" href="/${fileName}" disabled>`;
  });
}

/**
 * Workers static assets' _headers: a built file's name carries its hash, so browsers may keep it for good;
 * everything else (index.html, the service worker) is checked on each use, as by default. One rule per file, not
 * /assets/*: a name that no longer exists is answered with index.html (single-page-application), which must not
 * be kept for good under that name.
 */
function cachingRules(bundle: OutputBundle): string {
  const files = Object.keys(bundle).filter((name) => name.startsWith("assets/"));
  // Cloudflare reads at most 100 rules, one of which is the security rule.
  if (files.length > 99) throw new Error(`${files.length} files in assets/: _headers holds 100 rules at most, one for security`);
  return files.map((name) => `/${name}\n  Cache-Control: public, max-age=31536000, immutable\n`).join("");
}

function manifest(branding: ShellBranding) {
  return {
    name: branding.channelName,
    short_name: messages.app.defaultTitle,
    description: messages.home.headline,
    lang: "vi",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#eef0f2",
    theme_color: branding.primaryColor,
    icons: [{ src: `/${ICON_FILE}`, sizes: "any", type: "image/svg+xml", purpose: "any" }],
  };
}

/** A slip with a tick, in the province's colour: the app on a phone's home screen. */
function icon(color: string): string {
  const ink = inkOn(color);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">` +
    `<rect width="512" height="512" rx="96" fill="${color}"/>` +
    `<g fill="none" stroke="${ink}" stroke-width="28" stroke-linecap="round" stroke-linejoin="round">` +
    `<path d="M156 96h140l76 76v244H156z"/><path d="M296 96v76h76"/><path d="M206 302l42 42 76-84"/></g></svg>`
  );
}

/** ../service-worker/sw.ts bundled on its own into one classic script, with this build's shell written in. */
async function buildServiceWorker(appDir: string, shell: { version: string; files: string[] }): Promise<string> {
  const result = await build({
    configFile: false,
    envFile: false,
    logLevel: "warn",
    root: appDir,
    define: { __SHELL__: JSON.stringify(shell) },
    build: {
      write: false,
      emptyOutDir: false,
      copyPublicDir: false,
      target: "es2017",
      minify: true,
      lib: { entry: path.join(appDir, "service-worker", "sw.ts"), formats: ["iife"], name: "motcuaServiceWorker", fileName: () => SERVICE_WORKER_FILE },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs.flatMap((output) => ("output" in output ? output.output : [])).find((file) => file.type === "chunk");
  if (chunk?.type !== "chunk") throw new Error("the service worker did not build");
  return chunk.code;
}
