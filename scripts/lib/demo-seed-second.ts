/**
 * Seeds the second demo province, Nghệ An, through the real API as seedDemo does the first: the province (naming
 * its shard), its integration key and Zalo app through the admin API, then reference data, dossier events and a
 * news post through the signed integration API with its own key. Safe to run again: the upserts repeat and every
 * event comes back `duplicate`.
 */
import {
  DEMO2_CLIENT_NAME,
  DEMO2_PROVINCE,
  DEMO2_PROVINCE_ID,
  DEMO2_PROVINCE_PATH,
  secondDemoDossiers,
  secondDemoNews,
  secondDemoReferenceWrites,
} from "../demo";
import { MESSAGE_KINDS } from "../../worker/src/domain/notifications";
import { vnDayNumber } from "../../worker/src/domain/time";
import { admin, assertKeyWorks, type DemoSeedOptions, listDossiers } from "./demo-seed";
import { countOutcomes, type IntegrationKeys, postEvents, putReference, signedJson } from "./signing";

export type SecondDemoSeedResult = {
  provinceId: string;
  /** Every dossier as the API now holds it, with the last 4 ID digits that unlock it and its story. */
  dossiers: { code: string; status: number; overdue: boolean; idLast4: string; story: string; qrContent: string }[];
  /** What the event upload did: all `applied` on a fresh database, all `duplicate` when seeded before the same day. */
  events: { applied: number; duplicate: number };
  news: number;
};

/** `opts.zalo`, when given, is the second province's own Zalo app (`demoZaloApp(secrets, DEMO2_MINI_APP_ID, "DEMO2")`). */
export async function seedSecondDemo(opts: DemoSeedOptions): Promise<SecondDemoSeedResult> {
  const keys: IntegrationKeys = { keyId: opts.keyId, secret: opts.secret };
  const now = opts.now ?? new Date();

  await admin(opts, "PUT", DEMO2_PROVINCE_PATH, DEMO2_PROVINCE, [200]);
  const client = await admin(
    opts,
    "POST",
    `${DEMO2_PROVINCE_PATH}/integration-clients`,
    { name: DEMO2_CLIENT_NAME, keyId: opts.keyId, secret: opts.secret },
    [201, 409],
  );
  if (client.status === 409) await assertKeyWorks(opts.apiUrl, keys);
  if (opts.zalo) {
    const templates = Object.fromEntries(MESSAGE_KINDS.map((kind) => [kind, `demo-${kind}`]));
    await admin(opts, "PUT", `${DEMO2_PROVINCE_PATH}/zalo-app`, { ...opts.zalo, templates: { miniapp: templates, zns: templates } }, [200]);
  }

  // A dozen writes, in the order the API needs them (agencies, departments, officers, procedures).
  for (const write of secondDemoReferenceWrites()) await putReference(opts.apiUrl, keys, write.path, write.body);

  const dossiers = secondDemoDossiers(now);
  const outcomes = countOutcomes(
    await postEvents(
      opts.apiUrl,
      keys,
      dossiers.flatMap((d) => d.events),
    ),
  );
  const posts = secondDemoNews(now);
  for (const post of posts) await putReference(opts.apiUrl, keys, `/v1/integration/news/${post.id}`, post.request);

  // Status and due date as the API now holds them, so the summary shows what a lookup will show.
  const stored = await listDossiers(opts.apiUrl, keys);
  const today = vnDayNumber(new Date());
  const summary = await Promise.all(
    dossiers.map(async (d) => {
      const row = stored.get(d.code);
      if (!row) throw new Error(`seeded dossier ${d.code} is missing from GET /v1/integration/dossiers`);
      const slip = await signedJson<{ qrContent: string }>(opts.apiUrl, keys, "GET", `/v1/integration/dossiers/${encodeURIComponent(d.code)}/slip`);
      const open = [1, 2, 4, 5, 6].includes(row.status);
      return {
        code: d.code,
        status: row.status,
        overdue: open && vnDayNumber(row.dueAt) < today,
        idLast4: d.idLast4,
        story: d.story,
        qrContent: slip.qrContent,
      };
    }),
  );

  return { provinceId: DEMO2_PROVINCE_ID, dossiers: summary, events: { applied: outcomes.applied, duplicate: outcomes.duplicate }, news: posts.length };
}
