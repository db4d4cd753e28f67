import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { FANOUT_PAGE, INLINE_PAGES } from "../../worker/src/services/notify-queue";
import { capJson, countRows, postCap, seedCommunes } from "./alerts-helpers";
import { type Client, createProvince, waitFor } from "./helpers";
import { connectZalo, fake } from "./zalo-helpers";

/**
 * An alert to an audience too large to fan out where it was received: the dispatch plans the pages and enqueues
 * them; each consumer that takes a page writes its deliveries already claimed and sends them itself. Real queue,
 * real D1, the fake Zalo.
 */
const P = { province: "broadcast-pages", agency: "000.00.67.H67", app: "6700000001" };
const COMMUNES: [string, string][] = [
  ["67001", "Xã Một"],
  ["67002", "Xã Hai"],
  ["67003", "Xã Ba"],
];
/** Enough for more pages than a dispatch writes itself, the last one partial. */
const AUDIENCE = FANOUT_PAGE * (INLINE_PAGES + 1) + 37;
const FIRST_ID = 67_000_001;
let client: Client;
let miniAppId: string;

beforeAll(async () => {
  client = await createProvince(P.province, P.agency);
  ({ miniAppId } = await connectZalo(P.province, P.app));
  await seedCommunes(P.province, COMMUNES);
  // Citizens seen an hour ago who agreed to Mini App messages, each choosing one of the three communes (a third
  // of them a second one too, so the audience is distinct people, not choices); one citizen elsewhere.
  const seen = new Date(Date.now() - 3600_000).toISOString();
  const upTo = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)";
  await env.DB.batch([
    env.DB.prepare(`${upTo} INSERT INTO citizens (id, province_id, app_id, zalo_user_id, last_seen_at) SELECT ?2 + i, ?3, ?4, 'bp-' || i, ?5 FROM n`).bind(
      AUDIENCE + 1,
      FIRST_ID,
      P.province,
      P.app,
      seen,
    ),
    env.DB.prepare(
      `${upTo} INSERT INTO consents (citizen_id, channel, purpose, wording, granted_at) SELECT ?2 + i, 'miniapp', 'dossier_updates', 'test', ?3 FROM n`,
    ).bind(AUDIENCE + 1, FIRST_ID, seen),
    env.DB.prepare(
      `${upTo} INSERT INTO citizen_communes (citizen_id, province_id, commune_code, purpose, created_at)
       SELECT ?2 + i, ?3, CASE i % 3 WHEN 0 THEN '67001' WHEN 1 THEN '67002' ELSE '67003' END, 'home', ?4 FROM n`,
    ).bind(AUDIENCE, FIRST_ID, P.province, seen),
    env.DB.prepare(
      `${upTo} INSERT INTO citizen_communes (citizen_id, province_id, commune_code, purpose, created_at)
       SELECT ?2 + i, ?3, CASE i % 3 WHEN 0 THEN '67002' ELSE '67003' END, 'family', ?4 FROM n WHERE i % 3 = 0`,
    ).bind(AUDIENCE, FIRST_ID, P.province, seen),
    // The one elsewhere: a commune the alert does not name.
    env.DB.prepare("INSERT INTO communes (province_id, code, name) VALUES (?, '67009', 'Xã Chín')").bind(P.province),
    env.DB.prepare("INSERT INTO citizen_communes (citizen_id, province_id, commune_code, purpose, created_at) VALUES (?, ?, '67009', 'home', ?)").bind(
      FIRST_ID + AUDIENCE,
      P.province,
      seen,
    ),
  ]);
});

type FakeMessage = { userId?: string; miniAppId?: string; templateId: string };
const messagesOfApp = async () => (await fake<{ messages: FakeMessage[] }>("/__fake/messages")).messages.filter((m) => m.miniAppId === miniAppId);

describe("an alert to more people than one dispatch writes", () => {
  it("is cut into pages that consumers send themselves: everyone in the area messaged exactly once, no one else, counters add up", async () => {
    const alert = capJson({ communes: COMMUNES.map(([code]) => code), identifier: "TH-PAGES-1" });
    const res = await postCap(client, alert);
    expect(res.status).toBe(200);
    const { targeted } = (await res.json()) as { targeted: number };
    expect(targeted).toBe(AUDIENCE);

    const messages = await waitFor(
      "every subscriber messaged",
      async () => {
        const m = await messagesOfApp();
        return m.length >= AUDIENCE && m;
      },
      120_000,
    );
    const users = messages.map((m) => m.userId);
    expect(new Set(users).size).toBe(AUDIENCE);
    expect(users).not.toContain(`bp-${AUDIENCE}`);
    expect(messages.every((m) => m.templateId === "tpl-alert")).toBe(true);

    // Each delivery written once by its page, already claimed: one attempt, sent, counted once.
    const outboxId = (await env.DB.prepare("SELECT outbox_id AS id FROM broadcasts WHERE province_id = ? AND subject = ?")
      .bind(P.province, alert.identifier)
      .first<{ id: number }>())!.id;
    const rows = await env.DB.prepare("SELECT status, attempts, count(*) AS n FROM deliveries WHERE outbox_id = ? GROUP BY status, attempts")
      .bind(outboxId)
      .all<{ status: string; attempts: number; n: number }>();
    expect(rows.results).toEqual([{ status: "sent", attempts: 1, n: AUDIENCE }]);
    const counters = await waitFor("the counters", async () => {
      const row = await env.DB.prepare("SELECT targeted, sent_by_zalo AS sent FROM broadcasts WHERE outbox_id = ?")
        .bind(outboxId)
        .first<{ targeted: number; sent: number }>();
      return row?.sent === AUDIENCE && row;
    });
    expect(counters).toEqual({ targeted: AUDIENCE, sent: AUDIENCE });

    // A page message delivered again (the queue is at least once), twice at once: nothing is written or sent again.
    const page = { type: "fanout" as const, outboxId, page: { after: 0, upTo: FIRST_ID + FANOUT_PAGE - 1 } };
    await env.NOTIFY_URGENT_QUEUE.sendBatch([{ body: page }, { body: page }]);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await countRows("deliveries", "outbox_id = ?", outboxId)).toBe(AUDIENCE);
    expect((await messagesOfApp()).length).toBe(AUDIENCE);
  }, 180_000);
});
