/**
 * A fake Zalo for development and tests, on 127.0.0.1. It answers the calls motcua makes to Zalo (Graph API user
 * profile and phone number, Mini App notifications, ZNS template messages) with Zalo's request and answer shapes,
 * records what it received, and can be told to fail the ways Zalo does (429, 5xx, timeouts, dropped
 * connections, "user has not followed the OA", invalid tokens). The worker reaches it only through its configured
 * base URLs, so production and tests run the same client code. See README.md here.
 */
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { type FailureRule, FakeZaloState, type Endpoint } from "./state";

export type FakeZaloApp = { appId: string; appSecret: string; miniAppId?: string; miniAppApiKey?: string };

export type FakeZaloOptions = {
  host?: string;
  port?: number;
  apps?: FakeZaloApp[];
  oaAccessTokens?: string[];
  /** How long "timeout" mode holds a request before dropping the connection (default 30 s). */
  timeoutHoldMs?: number;
};

export type FakeZalo = { url: string; port: number; state: FakeZaloState; stop(): Promise<void> };

export { FakeZaloState, type FailureRule };

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
  return body;
};

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-allow-headers": "content-type",
};

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const ZALO_HEADERS = ["access_token", "appsecret_proof", "code", "secret_key", "x-api-key", "x-user-id", "x-miniapp-id", "content-type"];

export async function startFakeZalo(opts: FakeZaloOptions = {}): Promise<FakeZalo> {
  const state = new FakeZaloState();
  state.configure({ apps: opts.apps, oaAccessTokens: opts.oaAccessTokens });
  const holdMs = opts.timeoutHoldMs ?? 30_000;
  const sockets = new Set<Socket>();
  const held = new Set<NodeJS.Timeout>();

  /** Runs `then` after `ms`, unless the fake is stopped first. */
  function hold(ms: number, then: () => void) {
    const timer = setTimeout(() => {
      held.delete(timer);
      then();
    }, ms);
    held.add(timer);
  }

  /**
   * Applies a failure rule, if one matches. Returns true when the request was answered (or dropped) by it; `slow`
   * only holds the request, then lets it be answered (and acted on) as usual: Zalo did the work, late.
   */
  async function fail(
    endpoint: Endpoint,
    req: IncomingMessage,
    res: ServerResponse,
    log: (status: number | null, outcome: string, response: unknown) => void,
    userId?: string,
  ): Promise<boolean> {
    const rule = state.takeRule(endpoint, userId);
    if (!rule || rule.mode === "ok") return false;
    switch (rule.mode) {
      case "slow":
        await new Promise<void>((resolve) => hold(rule.delayMs ?? holdMs, resolve));
        return false;
      case "reset":
        // As close to "connection refused" as one listening port can get: the connection is reset at once.
        log(null, "dropped", null);
        req.socket.resetAndDestroy();
        return true;
      case "zalo_error": {
        const code = rule.code ?? -100;
        log(200, "error", json(res, 200, { error: code, message: code === -100 ? "Unknown error" : `Error ${code}` }));
        return true;
      }
      case "429":
        log(429, "error", json(res, 429, { error: -429, message: "Too many requests" }, { "retry-after": "1" }));
        return true;
      case "500":
      case "503":
        log(Number(rule.mode), "error", json(res, Number(rule.mode), { error: -500, message: "Internal error" }));
        return true;
      case "timeout":
        log(null, "timeout", null);
        hold(holdMs, () => req.socket.destroy());
        return true;
      case "drop":
        log(null, "dropped", null);
        req.socket.destroy();
        return true;
      case "not_followed":
        log(200, "error", json(res, 200, { error: -230, message: "User has not followed the OA" }));
        return true;
      case "invalid_token":
        if (endpoint === "graph") log(200, "error", json(res, 200, { error: -501, message: "Access token is invalid" }));
        else if (endpoint === "miniapp") log(401, "error", json(res, 401, { error: -216, message: "Invalid API key" }));
        else log(200, "error", json(res, 200, { error: -124, message: "Access token is invalid" }));
        return true;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake-zalo.local");
    const method = req.method ?? "GET";
    const path = url.pathname;

    if (path.startsWith("/__dev/") || path.startsWith("/__fake/")) {
      for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
      if (method === "OPTIONS") return void res.writeHead(204).end();
    }

    const body = method === "GET" || method === "HEAD" ? { ok: true as const, value: null } : await readJson(req);
    if (!body.ok) return json(res, 400, { error: -201, message: "Body is not valid JSON" });
    const input = (body.value ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);

    // --- Imitated Zalo endpoints -------------------------------------------------------------------------------
    const logFor = (endpoint: "graph.me" | "graph.phone" | "miniapp.notification" | "zns.message") => {
      const headers: Record<string, string> = {};
      for (const name of ZALO_HEADERS) {
        const value = header(req, name);
        if (value !== undefined) headers[name] = value;
      }
      return (status: number | null, outcome: string, response: unknown) =>
        state.logRequest({
          endpoint,
          headers,
          body: body.value ?? null,
          status,
          outcome: outcome as "ok",
          response: (response ?? null) as Record<string, unknown> | null,
        });
    };

    if (method === "GET" && path === "/v2.0/me") {
      const log = logFor("graph.me");
      const token = header(req, "access_token") ?? "";
      if (await fail("graph", req, res, log, state.tokens.get(token)?.userId)) return;
      const found = state.tokens.get(token);
      if (!found) return log(200, "error", json(res, 200, { error: -501, message: "Access token is invalid" }));
      if (found.expiresAt <= Date.now()) return log(200, "error", json(res, 200, { error: -502, message: "Access token has expired" }));
      const app = state.apps.get(found.appId);
      const proof = header(req, "appsecret_proof") ?? "";
      const expected = app ? createHmac("sha256", app.appSecret).update(token).digest("hex") : "";
      if (!app || proof !== expected) return log(200, "error", json(res, 200, { error: -503, message: "appsecret_proof is invalid" }));
      const fields = new Set((url.searchParams.get("fields") ?? "id").split(",").map((f) => f.trim()));
      const profile: Record<string, unknown> = { id: found.userId };
      if (fields.has("name")) profile.name = found.name;
      if (fields.has("picture")) profile.picture = { data: { url: `https://fake-zalo.local/avatar/${found.userId}.png` } };
      return log(200, "ok", json(res, 200, profile));
    }

    if (method === "GET" && path === "/v2.0/me/info") {
      const log = logFor("graph.phone");
      const token = header(req, "access_token") ?? "";
      const user = state.tokens.get(token);
      if (await fail("graph", req, res, log, user?.userId)) return;
      const code = header(req, "code") ?? "";
      const phoneToken = state.phoneTokens.get(code);
      const problem =
        !user || user.expiresAt <= Date.now()
          ? "Access token is invalid or expired"
          : !phoneToken
            ? "Invalid code"
            : phoneToken.used
              ? "Code has already been used"
              : phoneToken.expiresAt <= Date.now()
                ? "Code has expired"
                : phoneToken.appId !== user.appId || phoneToken.userId !== user.userId
                  ? "Code was not issued for this user"
                  : header(req, "secret_key") !== state.apps.get(user.appId)?.appSecret
                    ? "Invalid secret_key"
                    : null;
      if (problem || !phoneToken) return log(200, "error", json(res, 200, { error: -504, message: problem ?? "Invalid code" }));
      phoneToken.used = true;
      return log(200, "ok", json(res, 200, { data: { number: phoneToken.phone }, error: 0, message: "Success" }));
    }

    if (method === "POST" && path === "/notification/template") {
      const log = logFor("miniapp.notification");
      const userId = header(req, "x-user-id");
      if (await fail("miniapp", req, res, log, userId)) return;
      const apiKey = (header(req, "x-api-key") ?? "").replace(/^Bearer\s+/i, "");
      const miniAppId = header(req, "x-miniapp-id") ?? "";
      const app = [...state.apps.values()].find((a) => a.miniAppId === miniAppId && a.miniAppApiKey && a.miniAppApiKey === apiKey);
      if (!app) return log(401, "error", json(res, 401, { error: -216, message: "Invalid API key" }));
      const templateId = str(input.templateId);
      if (!userId || !templateId) return log(400, "error", json(res, 400, { error: -201, message: "X-User-Id and templateId are required" }));
      const over = state.overLimit(miniAppId, userId);
      if (over) return log(200, "error", json(res, 200, { error: over.code, message: over.message }));
      state.countSent(miniAppId, userId);
      const msgId = randomBytes(8).toString("hex");
      state.recordMessage({ msgId, channel: "miniapp", userId, miniAppId, templateId, templateData: (input.templateData ?? {}) as Record<string, unknown> });
      return log(200, "ok", json(res, 200, { error: 0, message: "Success", data: { msgId } }));
    }

    if (method === "POST" && path === "/message/template") {
      const log = logFor("zns.message");
      const phone = str(input.phone);
      if (await fail("zns", req, res, log, phone)) return;
      if (!state.oaAccessTokens.has(header(req, "access_token") ?? ""))
        return log(200, "error", json(res, 200, { error: -124, message: "Access token is invalid" }));
      if (!phone || !/^84\d{9,10}$/.test(phone)) return log(200, "error", json(res, 200, { error: -108, message: "Phone number is invalid" }));
      const templateId = str(input.template_id);
      if (!templateId) return log(200, "error", json(res, 200, { error: -201, message: "template_id is required" }));
      const msgId = randomBytes(8).toString("hex");
      state.recordMessage({
        msgId,
        channel: "zns",
        phone,
        templateId,
        templateData: (input.template_data ?? {}) as Record<string, unknown>,
        trackingId: str(input.tracking_id),
      });
      return log(200, "ok", json(res, 200, { error: 0, message: "Success", data: { msg_id: msgId, sent_time: String(Date.now()) } }));
    }

    // --- Dev helpers -------------------------------------------------------------------------------------------
    if (method === "POST" && path === "/__dev/tokens") {
      const appId = str(input.appId);
      const userId = str(input.userId);
      if (!appId || !state.apps.has(appId)) return json(res, 400, { error: "unknown appId" });
      if (!userId || !/^[0-9A-Za-z_-]{1,64}$/.test(userId)) return json(res, 400, { error: "userId: 1-64 letters, digits, '_' or '-'" });
      const ttl = typeof input.ttlSeconds === "number" ? input.ttlSeconds : 3600;
      return json(res, 200, { accessToken: state.issueToken({ appId, userId, name: str(input.name), ttlSeconds: ttl }), expiresIn: ttl });
    }
    if (method === "POST" && path === "/__dev/phone-tokens") {
      const appId = str(input.appId);
      const userId = str(input.userId);
      const phone = str(input.phone);
      if (!appId || !state.apps.has(appId) || !userId || !phone) return json(res, 400, { error: "appId (known), userId and phone are required" });
      return json(res, 200, { token: state.issuePhoneToken({ appId, userId, phone }), expiresIn: 120 });
    }

    // --- Inspection and failure modes --------------------------------------------------------------------------
    if (path === "/__fake/health") return json(res, 200, { ok: true });
    if (path === "/__fake/requests" && method === "GET") {
      const endpoint = url.searchParams.get("endpoint");
      return json(res, 200, { requests: state.requests.filter((r) => !endpoint || r.endpoint === endpoint) });
    }
    if (path === "/__fake/messages" && method === "GET") {
      const [channel, userId, phone] = ["channel", "userId", "phone"].map((k) => url.searchParams.get(k));
      return json(res, 200, {
        messages: state.messages.filter((m) => (!channel || m.channel === channel) && (!userId || m.userId === userId) && (!phone || m.phone === phone)),
      });
    }
    if (path === "/__fake/messages" && method === "DELETE") {
      state.clear();
      return void res.writeHead(204).end();
    }
    if (path === "/__fake/mode") {
      if (method === "GET") return json(res, 200, { rules: state.rules });
      if (method === "DELETE") {
        state.clearModes();
        return void res.writeHead(204).end();
      }
      if (method === "PUT") {
        const problem = state.setMode(input as FailureRule);
        if (problem) return json(res, 400, { error: problem });
        return json(res, 200, { rules: state.rules });
      }
    }
    if (path === "/__fake/limits" && method === "PUT") {
      const problem = state.setLimits(input.miniAppId, { perUserDaily: input.perUserDaily, dailyCap: input.dailyCap });
      if (problem) return json(res, 400, { error: problem });
      return json(res, 200, { limits: Object.fromEntries(state.limits) });
    }
    if (path === "/__fake/apps" && method === "PUT") {
      state.configure({ apps: input.apps as FakeZaloApp[] | undefined, oaAccessTokens: input.oaAccessTokens as string[] | undefined });
      return json(res, 200, { apps: [...state.apps.keys()], oaAccessTokens: state.oaAccessTokens.size });
    }
    return json(res, 404, { error: -404, message: `No route for ${method} ${path}` });
  }

  const server = createServer((req, res) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.once("close", () => state.inFlight--);
    handle(req, res).catch((error) => {
      if (!res.headersSent) json(res, 500, { error: -500, message: String(error) });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    port,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of held) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
