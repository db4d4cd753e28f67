/**
 * A tiny static server for the built mini app, as Zalo's CDN serves it: gzip when the client accepts it, long
 * caching for hashed assets, and index.html for any in-app path (a deep link like /dossier?code=… included).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export type StaticServer = { url: string; close(): Promise<void> };

export function serveStatic(opts: { dir: string; port: number; host?: string }): Promise<StaticServer> {
  const root = path.resolve(opts.dir);
  const gzipped = new Map<string, Buffer>();

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // An asset that does not exist is a 404; any other path is an in-app page.
      if (path.extname(url.pathname) && path.extname(url.pathname) !== ".html") {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      file = path.join(root, "index.html");
    }
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    const hashed = file.includes(`${path.sep}assets${path.sep}`);
    const headers: Record<string, string> = {
      "content-type": type,
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      vary: "accept-encoding",
    };
    let body: Buffer = readFileSync(file);
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && /text|json|svg/.test(type)) {
      let zipped = gzipped.get(file);
      if (!zipped) {
        zipped = gzipSync(body, { level: 9 });
        if (hashed) gzipped.set(file, zipped);
      }
      body = zipped;
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "localhost", () => {
      resolve({
        url: `http://localhost:${opts.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
