import { Hono } from "hono";
import type { AppEnv } from "../env";

type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
};
type OpenApiDocument = {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A self-contained page rendered from the same OpenAPI document as /v1/openapi.json: no CDN, so it works offline
 * and inside networks that block third-party scripts.
 */
export function renderDocs(doc: OpenApiDocument, styleNonce: string): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? "Other";
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><code>${esc(status)}</code> ${esc(r.description ?? "")}</li>`)
        .join("");
      const body = op.requestBody ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(op.requestBody, null, 2))}</pre></details>` : "";
      const params = op.parameters?.length ? `<details><summary>Parameters</summary><pre>${esc(JSON.stringify(op.parameters, null, 2))}</pre></details>` : "";
      const html = `<section class="op"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary ?? "")}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ""}${params}${body}<ul>${responses}</ul></section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = (doc.tags ?? []).map((t) => t.name).concat([...byTag.keys()].filter((k) => !doc.tags?.some((t) => t.name === k)));
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, schema]) => `<details id="schema-${esc(name)}"><summary>${esc(name)}</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(doc.info.title)} — API docs</title>
<style nonce="${esc(styleNonce)}">body{font:16px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:16px;color:#1a1a1a}code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:8px;overflow:auto}.op{border-top:1px solid #ddd;padding:8px 0}.m{display:inline-block;min-width:56px;padding:2px 6px;border-radius:4px;color:#fff;font-size:13px;text-align:center}.get{background:#1565c0}.post{background:#2e7d32}.put{background:#ef6c00}.delete{background:#c62828}.d{color:#444}</style></head>
<body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description ?? "")}</p><p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1).</p>
${sections
  .filter((name) => byTag.has(name))
  .map((name) => `<h2>${esc(name)}</h2><p>${esc(doc.tags?.find((t) => t.name === name)?.description ?? "")}</p>${byTag.get(name)!.join("")}`)
  .join("")}
<h2>Schemas</h2>${schemas}</body></html>`;
}

export function docsRoutes(getDocument: () => OpenApiDocument) {
  // The nonce comes from the Content-Security-Policy the response carries (security/headers): the page's only
  // stylesheet is inline, and nothing else may run or load.
  return new Hono<AppEnv>().get("/docs", (c) => c.html(renderDocs(getDocument(), c.get("secureHeadersNonce") ?? "")));
}
