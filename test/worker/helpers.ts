import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import worker from "../../worker/src/index";
import { agencyUnitCode } from "../../worker/src/domain/agency-province";
import { vnCodeDate } from "../../worker/src/domain/time";

export const ADMIN_TOKEN = "test-admin-token";

/**
 * Calls the worker exactly as a client would: through its fetch handler, with the test's real D1. `ip` makes it a
 * request from that address through Cloudflare's edge (which sets CF-Connecting-IP and `request.cf`).
 *
 * The handler is called in this workerd with a fresh execution context, not through `exports.default.fetch`: with
 * vitest-pool-workers 0.15 each request through that entry costs more than the one before (7 ms for the first
 * 200, 60 ms for the 600th, whatever the route; the handler itself stays at 1.6 ms), which the fuzzing and
 * enumeration suites' thousands of requests cannot afford.
 */
export function call(path: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
  const { ip, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (ip) headers.set("cf-connecting-ip", ip);
  const request = new Request(`http://motcua.test${path}`, { ...rest, headers, ...(ip ? { cf: { colo: "SGN" } } : {}) });
  return Promise.resolve(worker.fetch!(request as Request<unknown, IncomingRequestCfProperties>, env, createExecutionContext()));
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export function admin(path: string, method: string, body?: unknown) {
  return call(path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export type Client = { keyId: string; secret: string; provinceId: string; agencyGroup?: string | null };

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function signedHeaders(client: Pick<Client, "keyId" | "secret">, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return integrationHeaders(client, timestamp, `v1=${await hmacHex(client.secret, `${timestamp}.${body}`)}`);
}

function integrationHeaders(client: Pick<Client, "keyId">, timestamp: number, signature: string) {
  return {
    "x-motcua-key": client.keyId,
    "x-motcua-timestamp": String(timestamp),
    "x-motcua-signature": signature,
    "content-type": "application/json",
  };
}

/**
 * Headers with a v2 signature, which binds the method and the path with its query (`pathAndQuery` as sent); `both`
 * adds the v1 signature too, as a client moving from v1 to v2 may send.
 */
export async function signedHeadersV2(
  client: Pick<Client, "keyId" | "secret">,
  method: string,
  pathAndQuery: string,
  body: string,
  { both = false, timestamp = Math.floor(Date.now() / 1000) } = {},
) {
  const v2 = `v2=${await hmacHex(client.secret, `${timestamp}.${method}.${pathAndQuery}.${body}`)}`;
  const v1 = (await signedHeaders(client, body, timestamp))["x-motcua-signature"];
  return integrationHeaders(client, timestamp, both ? `${v1},${v2}` : v2);
}

/** Signatures this test file has sent: the API takes each one once. */
const spentSignatures = new Set<string>();

/**
 * v2 headers never sent before: the same request again within a second would carry the same signature, which the
 * API refuses as a replay, so it is signed with the latest unused second instead, as a client signing afresh does.
 */
export async function freshlySigned(client: Pick<Client, "keyId" | "secret">, method: string, pathAndQuery: string, body: string) {
  for (let timestamp = Math.floor(Date.now() / 1000); ; timestamp--) {
    const headers = await signedHeadersV2(client, method, pathAndQuery, body, { timestamp });
    const spent = `${client.keyId} ${headers["x-motcua-signature"]}`;
    if (!spentSignatures.has(spent)) {
      spentSignatures.add(spent);
      return headers;
    }
  }
}

/** A signed integration request, as a one-stop system sends it (v2, the default for new keys). */
export async function integration(client: Client, method: string, path: string, body?: unknown) {
  const raw = body === undefined ? "" : JSON.stringify(body);
  return call(path, { method, headers: await freshlySigned(client, method, path, raw), body: method === "GET" ? undefined : raw });
}

export type EventOutcome = "applied" | "duplicate" | "rejected";

/**
 * Sends events as a one-stop system does. Every event must come back `applied` unless the test names the outcomes
 * it expects (`outcomes`), or says it checks them itself (`"any"`): a fixture the API quietly rejects must fail
 * the test that relies on it, not a later assertion.
 */
export async function sendEvents(client: Client, events: unknown[], outcomes: EventOutcome[] | "any" = events.map(() => "applied")) {
  const res = await integration(client, "POST", "/v1/integration/events", { events });
  if (res.status !== 200) throw new Error(`events: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { results: { id: string; outcome: EventOutcome; error?: { code: string; message: string } }[] };
  if (outcomes !== "any") {
    const got = body.results.map((r) => r.outcome);
    if (got.length !== outcomes.length || got.some((o, i) => o !== outcomes[i])) {
      throw new Error(`events: expected ${JSON.stringify(outcomes)}, got ${JSON.stringify(body.results)}`);
    }
  }
  return body;
}

const MINUTE_MS = 60_000;
export const DAY_MINUTES = 24 * 60;

/** An ISO time `minutes` from now in +07:00, as a one-stop system writes it: tests never depend on the day they run. */
export function vnTime(minutesFromNow = 0): string {
  const ms = Date.now() + minutesFromNow * MINUTE_MS;
  return new Date(ms + 7 * 3600_000).toISOString().replace("Z", "+07:00");
}

/** Upserts reference data as the province's one-stop system does; anything but 200 fails the test's setup. */
export async function putReference(client: Client, path: string, body: unknown): Promise<void> {
  const res = await integration(client, "PUT", path, body);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

/**
 * A province with one agency, department, officer and procedure, and an integration client for it.
 * `n` keeps identifiers distinct between provinces in the same test file.
 */
export async function createProvince(provinceId: string, agencyId: string, options: { shard?: string } = {}): Promise<Client> {
  const res = await admin(`/v1/admin/provinces/${provinceId}`, "PUT", {
    // The D1 binding holding it (the control database when absent).
    shard: options.shard,
    name: `Tỉnh ${provinceId}`,
    shortName: provinceId,
    channelName: `Dịch vụ công ${provinceId}`,
    primaryColor: "#b3261e",
    accentColor: "#f4b400",
    hotline: "1900 0000",
    // The level-1 unit the agency's identifier ends with (H05 in 000.00.05.H05), when it has one.
    agencyCode: agencyUnitCode(agencyId) ?? undefined,
  });
  if (res.status !== 200) throw new Error(`province: ${res.status} ${await res.text()}`);
  const created = await admin(`/v1/admin/provinces/${provinceId}/integration-clients`, "POST", { name: `One-stop ${provinceId}` });
  if (created.status !== 201) throw new Error(`client: ${created.status} ${await created.text()}`);
  const client = (await created.json()) as Client;
  const put = (path: string, body: unknown) => putReference(client, path, body);
  await put(`/v1/integration/agencies/${agencyId}`, {
    name: `Trung tâm Phục vụ hành chính công ${provinceId}`,
    address: "Số 1 Đại lộ Lê Lợi",
    phone: "0237 3 000 000",
  });
  await put(`/v1/integration/departments/tp-${agencyId}`, { agencyId, name: "Phòng Tư pháp" });
  await put(`/v1/integration/officers/cb-${agencyId}`, { displayName: "Nguyễn Thị Lan", title: "Chuyên viên", departmentId: `tp-${agencyId}` });
  await put(`/v1/integration/procedures/1.000894`, MARRIAGE_PROCEDURE);
  return client;
}

/** The procedure every test province has (code 1.000894), as its one-stop system sends it. */
export const MARRIAGE_PROCEDURE = {
  name: "Đăng ký kết hôn",
  shortName: "Kết hôn",
  field: "Hộ tịch",
  documents: [{ name: "Tờ khai đăng ký kết hôn" }],
  legalDays: 5,
  feeText: "Miễn lệ phí",
  whereToFile: "Bộ phận một cửa",
};

/** `hhmm` in Vietnam on the day `days` from today there (negative: before), as ISO with +07:00. */
export function vnDayAt(days: number, hhmm: string): string {
  const today = Date.parse(`${new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)}T00:00:00Z`);
  return `${new Date(today + days * DAY_MINUTES * MINUTE_MS).toISOString().slice(0, 10)}T${hhmm}:00+07:00`;
}

/** The UTC ISO form the API answers with, for an instant written with an offset. */
export const utc = (instant: string) => new Date(instant).toISOString();

let counter = 0;
/**
 * A dossier.received event for a fresh code of `agencyId`: received two days ago, due in five days, so it is open
 * and on time whatever day the tests run. Overrides that move `receivedAt` should move `dueAt` with it.
 */
export function intake(agencyId: string, overrides: Record<string, unknown> = {}) {
  counter++;
  const receivedAt = (overrides.receivedAt as string | undefined) ?? vnTime(-2 * DAY_MINUTES);
  const code = `${agencyId}-${vnCodeDate(receivedAt)}-${String(counter).padStart(4, "0")}`;
  return {
    id: `evt-${code}-received`,
    type: "dossier.received",
    occurredAt: receivedAt,
    dossierCode: code,
    agencyId,
    procedureCode: "1.000894",
    applicant: { name: "Trần Văn An", idNumber: "038090001234", phone: "0912345678" },
    receivedAt,
    dueAt: vnTime(5 * DAY_MINUTES),
    departmentId: `tp-${agencyId}`,
    officerId: `cb-${agencyId}`,
    ...overrides,
  };
}

/** What `probe` returns once it is something (vi.waitFor polls it every 150 ms); fails naming `what` after `timeoutMs`. */
export function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!value) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 150 },
  );
}
