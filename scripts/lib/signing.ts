/**
 * A tiny integration client, as a one-stop system would write it: every request signed with
 * X-Motcua-Signature: v2=<hex HMAC-SHA256(secret, "<unix ts>.<METHOD>.<path?query>.<raw body>")>, the extension
 * that binds each signature to its request (the contract's v1 signs "<unix ts>.<raw body>" only).
 */
import { createHmac } from "node:crypto";

export type IntegrationKeys = { keyId: string; secret: string };

export type EventOutcome = {
  id: string | null;
  outcome: "applied" | "duplicate" | "rejected";
  error?: { code: string; message: string; field?: string; status?: number };
};

/** The API answered with an error status; `body` is its JSON error (or raw text). */
export class ApiRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    const detail = error ? `${error.code}: ${error.message}${error.field ? ` (${error.field})` : ""}` : String(body).slice(0, 300);
    super(`${method} ${path} → ${status} ${detail}`);
    this.name = "ApiRequestError";
  }
}

/** v2: binds the method and the path with its query (as sent), so the signature is good for this request only. */
export function signRequest(secret: string, timestamp: number, method: string, url: URL, rawBody: string): string {
  return `v2=${createHmac("sha256", secret).update(`${timestamp}.${method}.${url.pathname}${url.search}.${rawBody}`).digest("hex")}`;
}

export function apiUrlFor(apiUrl: string, path: string): string {
  return `${apiUrl.replace(/\/+$/, "")}${path}`;
}

/** A signed request; the body is sent exactly as signed. Returns the raw response, whatever its status. */
/** Signatures this process has sent in the last replay window, by when: the API takes each one once. */
const sent = new Map<string, number>();

/**
 * Signed with the current second, or the latest earlier one whose signature this process has not sent: the same
 * request twice within a second would carry the same signature, which the API refuses as a replay.
 */
function freshSignature(keys: IntegrationKeys, method: string, url: URL, raw: string): { timestamp: number; signature: string } {
  const now = Math.floor(Date.now() / 1000);
  for (const [signature, at] of sent) if (at < now - 600) sent.delete(signature);
  for (let timestamp = now; ; timestamp--) {
    const signature = signRequest(keys.secret, timestamp, method, url, raw);
    if (!sent.has(signature)) {
      sent.set(signature, timestamp);
      return { timestamp, signature };
    }
  }
}

export async function signedFetch(apiUrl: string, keys: IntegrationKeys, method: string, path: string, body?: unknown): Promise<Response> {
  const hasBody = body !== undefined && method !== "GET" && method !== "HEAD";
  const raw = hasBody ? (typeof body === "string" ? body : JSON.stringify(body)) : "";
  const url = new URL(apiUrlFor(apiUrl, path));
  const { timestamp, signature } = freshSignature(keys, method, url, raw);
  return fetch(url, {
    method,
    headers: {
      "x-motcua-key": keys.keyId,
      "x-motcua-timestamp": String(timestamp),
      "x-motcua-signature": signature,
      ...(hasBody ? { "content-type": "application/json" } : {}),
    },
    body: hasBody ? raw : undefined,
  });
}

export async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A signed request whose JSON answer is returned; any non-2xx status throws ApiRequestError. */
export async function signedJson<T>(apiUrl: string, keys: IntegrationKeys, method: string, path: string, body?: unknown): Promise<T> {
  const res = await signedFetch(apiUrl, keys, method, path, body);
  const parsed = await readBody(res);
  if (!res.ok) throw new ApiRequestError(method, path, res.status, parsed);
  return parsed as T;
}

/** Upserts one piece of reference data (agency, department, officer, procedure) at its PUT path. */
export function putReference(apiUrl: string, keys: IntegrationKeys, path: string, body: unknown): Promise<unknown> {
  return signedJson(apiUrl, keys, "PUT", path, body);
}

export const MAX_EVENTS_PER_REQUEST = 500;

/**
 * Sends events in batches of at most 500, in order. Throws on any non-2xx answer or any rejected event (after
 * the whole batch was processed: the API applies the others), naming the first few rejections.
 */
export async function postEvents(apiUrl: string, keys: IntegrationKeys, events: readonly unknown[]): Promise<EventOutcome[]> {
  const results: EventOutcome[] = [];
  for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST) {
    const batch = events.slice(i, i + MAX_EVENTS_PER_REQUEST);
    const answer = await signedJson<{ results: EventOutcome[] }>(apiUrl, keys, "POST", "/v1/integration/events", { events: batch });
    results.push(...answer.results);
    const rejected = answer.results.filter((r) => r.outcome === "rejected");
    if (rejected.length > 0) {
      const lines = rejected.slice(0, 5).map((r) => `  ${r.id}: ${r.error?.code} ${r.error?.message}${r.error?.field ? ` (${r.error.field})` : ""}`);
      const more = rejected.length > 5 ? `\n  … and ${rejected.length - 5} more` : "";
      throw new Error(`${rejected.length} of ${batch.length} events were rejected:\n${lines.join("\n")}${more}`);
    }
  }
  return results;
}

export function countOutcomes(results: readonly EventOutcome[]): Record<EventOutcome["outcome"], number> {
  const counts = { applied: 0, duplicate: 0, rejected: 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}
