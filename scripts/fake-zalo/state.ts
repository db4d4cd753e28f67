import { randomBytes } from "node:crypto";

/** Endpoint families a failure rule applies to: both Graph endpoints, Mini App notifications, ZNS. */
export type Endpoint = "graph" | "miniapp" | "zns";
export type FailureMode = "ok" | "429" | "500" | "503" | "timeout" | "slow" | "drop" | "reset" | "zalo_error" | "not_followed" | "invalid_token";
const MODES: FailureMode[] = ["ok", "429", "500", "503", "timeout", "slow", "drop", "reset", "zalo_error", "not_followed", "invalid_token"];

/**
 * `times`: only the next N matching calls fail. `userIds`: only calls for these Zalo user ids (Graph: the token's
 * user; Mini App: X-User-Id) or, for ZNS, these phone numbers. Scoping keeps tests that share one fake apart.
 */
export type FailureRule = {
  endpoint: Endpoint | "*";
  mode: FailureMode;
  times?: number;
  userIds?: string[];
  /** `slow`: how long the answer is held (default: the fake's timeout hold). */
  delayMs?: number;
  /** `zalo_error`: the error code answered with HTTP 200 (default -100, "unknown error, retry later"). */
  code?: number;
};

export type RequestLog = {
  seq: number;
  at: string;
  endpoint: "graph.me" | "graph.phone" | "miniapp.notification" | "zns.message";
  headers: Record<string, string>;
  body: unknown;
  status: number | null;
  outcome: "ok" | "error" | "timeout" | "dropped";
  response: Record<string, unknown> | null;
};

export type RecordedMessage = {
  seq: number;
  msgId: string;
  channel: "miniapp" | "zns";
  at: string;
  userId?: string;
  miniAppId?: string;
  phone?: string;
  templateId: string;
  templateData: Record<string, unknown>;
  trackingId?: string;
};

export type DailyLimits = { perUserDaily?: number; dailyCap?: number };
type App = { appId: string; appSecret: string; miniAppId?: string; miniAppApiKey?: string };
type Token = { appId: string; userId: string; name: string; expiresAt: number };
type PhoneToken = { appId: string; userId: string; phone: string; expiresAt: number; used: boolean };

/** Everything the fake knows and has seen, in memory; tests in the same process may use it directly. */
export class FakeZaloState {
  readonly apps = new Map<string, App>();
  readonly oaAccessTokens = new Set<string>();
  readonly tokens = new Map<string, Token>();
  readonly phoneTokens = new Map<string, PhoneToken>();
  readonly requests: RequestLog[] = [];
  readonly messages: RecordedMessage[] = [];
  /** Requests being answered right now, and the most at once since the last clear (how many a client kept open). */
  inFlight = 0;
  maxInFlight = 0;
  rules: (FailureRule & { remaining: number | null })[] = [];
  /** Zalo's daily limits, once set for a mini app (`PUT /__fake/limits`); none by default. */
  readonly limits = new Map<string, DailyLimits>();
  /** Accepted notifications per mini app, Vietnam day and user ("" for the app's total). */
  private readonly sentToday = new Map<string, number>();
  private seq = 0;

  setLimits(miniAppId: unknown, limits: { perUserDaily?: unknown; dailyCap?: unknown }): string | null {
    if (typeof miniAppId !== "string" || !miniAppId) return "miniAppId is required";
    for (const [k, v] of Object.entries(limits))
      if (v !== undefined && v !== null && (!Number.isInteger(v) || (v as number) < 0)) return `${k} must be a non-negative integer`;
    if (limits.perUserDaily === null && limits.dailyCap === null) this.limits.delete(miniAppId);
    else
      this.limits.set(miniAppId, {
        perUserDaily: (limits.perUserDaily as number | undefined) ?? undefined,
        dailyCap: (limits.dailyCap as number | undefined) ?? undefined,
      });
    return null;
  }

  /** What Zalo refuses before sending: a user's second notification of the day, or one past the app's daily cap. */
  overLimit(miniAppId: string, userId: string): { code: number; message: string } | null {
    const limits = this.limits.get(miniAppId);
    if (!limits) return null;
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    if (limits.perUserDaily !== undefined && (this.sentToday.get(`${miniAppId}|${day}|${userId}`) ?? 0) >= limits.perUserDaily)
      return { code: -1401, message: "User has reached the daily notification limit" };
    if (limits.dailyCap !== undefined && (this.sentToday.get(`${miniAppId}|${day}|`) ?? 0) >= limits.dailyCap)
      return { code: -1402, message: "Mini app has reached its daily notification quota" };
    return null;
  }

  countSent(miniAppId: string, userId: string) {
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    for (const key of [`${miniAppId}|${day}|${userId}`, `${miniAppId}|${day}|`]) this.sentToday.set(key, (this.sentToday.get(key) ?? 0) + 1);
  }

  configure(config: { apps?: App[]; oaAccessTokens?: string[] }) {
    for (const app of config.apps ?? [])
      if (app && typeof app.appId === "string" && typeof app.appSecret === "string") this.apps.set(app.appId, { ...this.apps.get(app.appId), ...app });
    for (const token of config.oaAccessTokens ?? []) if (typeof token === "string") this.oaAccessTokens.add(token);
  }

  issueToken(t: { appId: string; userId: string; name?: string; ttlSeconds?: number }): string {
    const token = randomBytes(24).toString("base64url");
    this.tokens.set(token, {
      appId: t.appId,
      userId: t.userId,
      name: t.name ?? `Người dùng ${t.userId}`,
      expiresAt: Date.now() + (t.ttlSeconds ?? 3600) * 1000,
    });
    return token;
  }

  issuePhoneToken(t: { appId: string; userId: string; phone: string }): string {
    const token = randomBytes(18).toString("base64url");
    this.phoneTokens.set(token, { ...t, expiresAt: Date.now() + 120_000, used: false });
    return token;
  }

  /** Adds a rule (an "ok" rule clears the endpoint's rules). Returns a problem, or null. */
  setMode(rule: FailureRule): string | null {
    if (!rule || !["graph", "miniapp", "zns", "*"].includes(rule.endpoint)) return "endpoint must be graph, miniapp, zns or *";
    if (!MODES.includes(rule.mode)) return `mode must be one of ${MODES.join(", ")}`;
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) return "times must be a positive integer";
    if (rule.userIds !== undefined && (!Array.isArray(rule.userIds) || rule.userIds.some((u) => typeof u !== "string"))) return "userIds must be strings";
    if (rule.delayMs !== undefined && (!Number.isInteger(rule.delayMs) || rule.delayMs < 0 || rule.delayMs > 120_000)) return "delayMs must be 0-120000";
    if (rule.code !== undefined && (!Number.isInteger(rule.code) || rule.code >= 0)) return "code must be a negative integer";
    if (rule.mode === "ok") {
      this.rules = rule.endpoint === "*" ? [] : this.rules.filter((r) => r.endpoint !== rule.endpoint);
      return null;
    }
    this.rules.push({ ...rule, remaining: rule.times ?? null });
    return null;
  }

  clearModes() {
    this.rules = [];
  }

  /** The first active rule for this call, counted down if it has `times`. */
  takeRule(endpoint: Endpoint, subject?: string): FailureRule | null {
    const rule = this.rules.find(
      (r) => (r.endpoint === endpoint || r.endpoint === "*") && (!r.userIds || (subject !== undefined && r.userIds.includes(subject))),
    );
    if (!rule) return null;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule;
  }

  logRequest(entry: Omit<RequestLog, "seq" | "at">) {
    this.requests.push({ seq: ++this.seq, at: new Date().toISOString(), ...entry });
  }

  recordMessage(message: Omit<RecordedMessage, "seq" | "at">) {
    this.messages.push({ seq: ++this.seq, at: new Date().toISOString(), ...message });
  }

  clear() {
    this.requests.length = 0;
    this.messages.length = 0;
    this.maxInFlight = this.inFlight;
  }
}
