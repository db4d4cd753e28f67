/**
 * Seeds the demo province through the real API, exactly as an operator and a one-stop system would: the
 * province and its integration key through the admin API, then reference data and dossier events through the
 * signed integration API. Safe to run again: the upserts repeat and every event comes back `duplicate`.
 */
import { seedDemoFigures } from "./demo-figures";
import { DEMO_CLIENT_NAME, DEMO_PROVINCE, DEMO_PROVINCE_ID, DEMO_PROVINCE_PATH, demoDossiers, demoReferenceWrites, featuredDemoDossiers } from "../demo";
import { MESSAGE_KINDS } from "../../worker/src/domain/notifications";
import { vnDayNumber } from "../../worker/src/domain/time";
import { type DemoAlertResult, seedDemoAlert } from "./demo-alerts";
import { type DemoNewsResult, seedDemoNews } from "./demo-news";
import { type DemoNoticesResult, seedDemoNotices } from "./demo-notices";
import { demoRatedCodes, type DemoVoiceResult, seedDemoVoice } from "./demo-voice";
import { apiUrlFor, ApiRequestError, countOutcomes, type IntegrationKeys, postEvents, putReference, readBody, signedFetch, signedJson } from "./signing";

export type DemoSeedOptions = {
  apiUrl: string;
  adminToken: string;
  keyId: string;
  secret: string;
  now?: Date;
  zalo?: DemoZaloApp;
  /** The fake Zalo that issues dev users' access tokens: with it, the demo's ratings and feedback are made too. */
  zaloUrl?: string;
};

/** The demo province's Zalo app (the fake Zalo's in dev and tests): what an operator connects with the admin API. */
export type DemoZaloApp = { appId: string; appSecret: string; miniAppId: string; miniAppApiKey: string; oaAccessToken: string };

/** A demo Zalo app from the local secrets (.dev.vars: `DEMO_ZALO_*`, `DEMO2_ZALO_*` for the second province), or null when they are not there. */
export function demoZaloApp(vars: Record<string, string>, miniAppId: string, prefix: "DEMO" | "DEMO2" = "DEMO"): DemoZaloApp | null {
  const [appId, appSecret, miniAppApiKey, oaAccessToken] = ["APP_ID", "APP_SECRET", "MINIAPP_API_KEY", "OA_ACCESS_TOKEN"].map(
    (k) => vars[`${prefix}_ZALO_${k}`],
  );
  if (!appId || !appSecret || !miniAppApiKey || !oaAccessToken) return null;
  return { appId, appSecret, miniAppId, miniAppApiKey, oaAccessToken };
}

export type DemoSeedResult = {
  provinceId: string;
  /** `rated`: the demo's citizens rated it (returned dossiers without it are left to try rating with). */
  dossiers: { code: string; status: number; overdue: boolean; idLast4: string; story: string; rated: boolean }[];
  featured: { code: string; story: string; idLast4: string; qrContent: string }[];
  /** What the event upload did: all `applied` on a fresh database, all `duplicate` when seeded before the same day. */
  events: { applied: number; duplicate: number };
  /** Whether this run made the demo's ratings and feedback (only once per database, and only with a fake Zalo). */
  voice: DemoVoiceResult | null;
  /** The year of finished dossiers behind the figures, and how many of them this run rated. */
  history: { dossiers: number; rated: number };
  /** The demo's emergency alert (a new one each day it is seeded, active for three days). */
  alert: DemoAlertResult;
  /** Communes, news posts, covers uploaded and whether the dev citizen was subscribed by this run. */
  news: DemoNewsResult;
  /** Officials' notices for the director and a department head (fresh ones each day it is seeded). */
  notices: DemoNoticesResult;
};

/** Reference writes of one kind do not depend on each other: a few at a time keeps the seed quick. */
const PARALLEL_WRITES = 8;

export async function seedDemo(opts: DemoSeedOptions): Promise<DemoSeedResult> {
  const keys: IntegrationKeys = { keyId: opts.keyId, secret: opts.secret };
  const now = opts.now ?? new Date();

  await admin(opts, "PUT", DEMO_PROVINCE_PATH, DEMO_PROVINCE, [200]);
  const client = await admin(
    opts,
    "POST",
    `${DEMO_PROVINCE_PATH}/integration-clients`,
    { name: DEMO_CLIENT_NAME, keyId: opts.keyId, secret: opts.secret },
    [201, 409],
  );
  if (client.status === 409) await assertKeyWorks(opts.apiUrl, keys);
  if (opts.zalo) {
    // Every message kind gets a template id, as a province registers them with Zalo.
    const templates = Object.fromEntries(MESSAGE_KINDS.map((kind) => [kind, `demo-${kind}`]));
    await admin(opts, "PUT", `${DEMO_PROVINCE_PATH}/zalo-app`, { ...opts.zalo, templates: { miniapp: templates, zns: templates } }, [200]);
  }

  // Agencies before departments before officers: each refers to the one before. Procedures stand alone.
  const writes = demoReferenceWrites();
  const kinds = ["/v1/integration/agencies/", "/v1/integration/departments/", "/v1/integration/officers/", "/v1/integration/procedures/"];
  for (const kind of kinds) {
    const group = writes.filter((w) => w.path.startsWith(kind));
    for (let i = 0; i < group.length; i += PARALLEL_WRITES) {
      await Promise.all(group.slice(i, i + PARALLEL_WRITES).map((w) => putReference(opts.apiUrl, keys, w.path, w.body)));
    }
  }

  const dossiers = demoDossiers(now);
  const outcomes = countOutcomes(
    await postEvents(
      opts.apiUrl,
      keys,
      dossiers.flatMap((d) => d.events),
    ),
  );

  // A year of finished dossiers and their ratings behind the stories: what the director's figures count.
  const history = await seedDemoFigures(opts.apiUrl, keys, now);

  // Status and due date as the API now holds them, so the summary shows what a lookup will show.
  const stored = await listDossiers(opts.apiUrl, keys);
  const today = vnDayNumber(new Date());
  const rated = demoRatedCodes(dossiers.map((d) => ({ code: d.code, status: stored.get(d.code)?.status ?? 0 })));
  const summary = dossiers.map((d) => {
    const row = stored.get(d.code);
    if (!row) throw new Error(`seeded dossier ${d.code} is missing from GET /v1/integration/dossiers`);
    const open = [1, 2, 4, 5, 6].includes(row.status);
    return { code: d.code, status: row.status, overdue: open && vnDayNumber(row.dueAt) < today, idLast4: d.idLast4, story: d.story, rated: rated.has(d.code) };
  });
  const voice = opts.zalo && opts.zaloUrl ? await seedDemoVoice({ apiUrl: opts.apiUrl, keys, zaloUrl: opts.zaloUrl, appId: opts.zalo.appId }, summary) : null;
  // After the director is linked (the voice seed links them): they upload the news cover.
  const news = await seedDemoNews(
    { apiUrl: opts.apiUrl, keys, zalo: opts.zalo && opts.zaloUrl ? { zaloUrl: opts.zaloUrl, appId: opts.zalo.appId } : undefined },
    now,
  );
  // After the communes and the dev citizen's choice: the alert reaches them. Relative to the real time, not the
  // demo's seed date: a demo started again days later still has an active alert.
  const alert = await seedDemoAlert(opts.apiUrl, keys, new Date());
  // The director's documents and meeting, relative to the real day too.
  const notices = await seedDemoNotices(
    opts.apiUrl,
    keys,
    new Date(),
    opts.zalo && opts.zaloUrl ? { zaloUrl: opts.zaloUrl, appId: opts.zalo.appId } : undefined,
  );

  const featured = await Promise.all(
    featuredDemoDossiers(dossiers).map(async (f) => {
      const slip = await signedJson<{ qrContent: string }>(opts.apiUrl, keys, "GET", `/v1/integration/dossiers/${encodeURIComponent(f.code)}/slip`);
      return { code: f.code, story: f.story, idLast4: f.idLast4, qrContent: slip.qrContent };
    }),
  );

  return {
    provinceId: DEMO_PROVINCE_ID,
    dossiers: summary,
    featured,
    events: { applied: outcomes.applied, duplicate: outcomes.duplicate },
    voice,
    history,
    alert,
    news,
    notices,
  };
}

/** Whether the demo province already holds dossiers (false too when the demo key is not registered yet). */
export async function isDemoSeeded(opts: Pick<DemoSeedOptions, "apiUrl" | "keyId" | "secret">): Promise<boolean> {
  const res = await signedFetch(opts.apiUrl, { keyId: opts.keyId, secret: opts.secret }, "GET", "/v1/integration/dossiers?limit=1");
  if (res.status === 401) return false;
  const body = await readBody(res);
  if (!res.ok) throw new ApiRequestError("GET", "/v1/integration/dossiers?limit=1", res.status, body);
  return (body as { dossiers: unknown[] }).dossiers.length > 0;
}

type StoredDossier = { code: string; status: number; receivedAt: string; dueAt: string };

/** Every dossier of the caller's province, following the `next` cursor. */
export async function listDossiers(apiUrl: string, keys: IntegrationKeys): Promise<Map<string, StoredDossier>> {
  const all = new Map<string, StoredDossier>();
  let after: string | null = null;
  do {
    const query: string = `?limit=500${after ? `&after=${encodeURIComponent(after)}` : ""}`;
    const page: { dossiers: StoredDossier[]; next: string | null } = await signedJson(apiUrl, keys, "GET", `/v1/integration/dossiers${query}`);
    for (const d of page.dossiers) all.set(d.code, d);
    after = page.next;
  } while (after);
  return all;
}

/** One operator request with the admin bearer token; a status outside `accept` is an error that says why. */
export async function admin(opts: DemoSeedOptions, method: string, path: string, body: unknown, accept: number[]): Promise<Response> {
  const res = await fetch(apiUrlFor(opts.apiUrl, path), {
    method,
    headers: { authorization: `Bearer ${opts.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!accept.includes(res.status)) {
    const parsed = await readBody(res);
    const hint =
      res.status === 401
        ? " (is ADMIN_TOKEN the one the API was started with?)"
        : res.status === 404 && path.includes("/admin/")
          ? " (ADMIN_TOKEN unset on the API?)"
          : res.status === 409 && JSON.stringify(parsed).includes("shard_change_refused")
            ? " (the local database predates a province's own database: `npm start -- --reset` seeds it afresh)"
            : "";
    throw new Error(`${new ApiRequestError(method, path, res.status, parsed).message}${hint}`);
  }
  return res;
}

/** A 409 means the key id exists: fine if it is ours with this secret, a clear error otherwise. */
export async function assertKeyWorks(apiUrl: string, keys: IntegrationKeys): Promise<void> {
  const res = await signedFetch(apiUrl, keys, "GET", "/v1/integration/dossiers?limit=1");
  if (res.ok) return;
  throw new Error(
    `integration key ${keys.keyId} is already registered but does not accept this secret (HTTP ${res.status}); ` +
      "use the secret it was created with, or reset the local database",
  );
}
