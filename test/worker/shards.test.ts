/**
 * A database per province: each province's data lives in the D1 binding the shard map names for it, and nothing a
 * request of province A carries (its dossier codes, its citizens' sessions, its integration key) reads or writes
 * province B's database. Two provinces here, in the two shards wrangler.jsonc declares; DB_BEHIND is a shard left
 * one migration short.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { slipToken } from "../../worker/src/security/tokens";
import { admin, call, createProvince, intake, integration, json, MARRIAGE_PROCEDURE, putReference, sendEvents, waitFor, type Client } from "./helpers";
import { asCitizen, connectZalo, consent, fake, follow, signIn } from "./zalo-helpers";

const A = { id: "shard-a", agency: "000.00.06.H52", shard: "DB_THANH_HOA", app: "5200000001" };
const B = { id: "shard-b", agency: "000.00.06.H53", shard: "DB_NGHE_AN", app: "5300000001" };
const SECRET = env.SERVER_SECRET;

let clientA: Client;
let clientB: Client;
let codeA: string;
let codeB: string;

const count = async (db: D1Database, sql: string, ...params: unknown[]) =>
  (await db
    .prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;
const dossierIn = (db: D1Database, code: string) => count(db, "SELECT count(*) AS n FROM dossiers WHERE code = ?", code);

beforeAll(async () => {
  clientA = await createProvince(A.id, A.agency, { shard: A.shard });
  clientB = await createProvince(B.id, B.agency, { shard: B.shard });
  const a = intake(A.agency);
  const b = intake(B.agency);
  await sendEvents(clientA, [a]);
  await sendEvents(clientB, [b]);
  codeA = a.dossierCode;
  codeB = b.dossierCode;
});

describe("a database per province", () => {
  it("keeps each province's data in its own shard and only the directory in the control database", async () => {
    expect(await dossierIn(env.DB_THANH_HOA, codeA)).toBe(1);
    expect(await dossierIn(env.DB_NGHE_AN, codeA)).toBe(0);
    expect(await dossierIn(env.DB, codeA)).toBe(0);
    expect(await dossierIn(env.DB_NGHE_AN, codeB)).toBe(1);
    expect(await dossierIn(env.DB_THANH_HOA, codeB)).toBe(0);
    // The agencies too; the control database has the directory row, the map and the key.
    expect(await count(env.DB_THANH_HOA, "SELECT count(*) AS n FROM agencies WHERE id = ?", A.agency)).toBe(1);
    expect(await count(env.DB, "SELECT count(*) AS n FROM agencies WHERE id = ?", A.agency)).toBe(0);
    expect(await count(env.DB, "SELECT count(*) AS n FROM provinces WHERE id = ?", A.id)).toBe(1);
    expect(await env.DB.prepare("SELECT binding FROM shard_map WHERE province_id = ?").bind(A.id).first("binding")).toBe(A.shard);
    expect(await count(env.DB, "SELECT count(*) AS n FROM integration_clients WHERE key_id = ?", clientA.keyId)).toBe(1);
    expect(await count(env.DB_THANH_HOA, "SELECT count(*) AS n FROM integration_clients")).toBe(0);
  });

  it("lists every province whatever its database, each with its colours, for the mini app's province picker", async () => {
    const { provinces } = await json(await call("/v1/provinces"));
    const listed = provinces.filter((p: { id: string }) => p.id === A.id || p.id === B.id);
    expect(listed).toEqual(
      [A, B].map((p) => ({
        id: p.id,
        name: `Tỉnh ${p.id}`,
        shortName: p.id,
        channelName: `Dịch vụ công ${p.id}`,
        primaryColor: "#b3261e",
        accentColor: "#f4b400",
      })),
    );
  });

  it("finds a dossier by its code alone, from the unit code in its agency identifier", async () => {
    const a = await call(`/v1/dossiers/${codeA}`);
    expect(a.status).toBe(200);
    expect((await json(a)).provinceId).toBe(A.id);
    // Asking with the other province's hint changes nothing: the code names its province.
    const hinted = await call(`/v1/dossiers/${codeB}`, { headers: { "x-motcua-province": A.id } });
    expect(hinted.status).toBe(200);
    expect((await json(hinted)).provinceId).toBe(B.id);
  });

  it("finds a dossier by its code typed without separators, from the unit code it holds", async () => {
    // An agency identifier of five parts: only the province's own agency list can put the dots back.
    const agency = "000.00.24.12.H52";
    await putReference(clientA, `/v1/integration/agencies/${agency}`, { name: "Văn phòng đăng ký đất đai", address: "Số 2 Lê Lợi", phone: "0237 3 000 001" });
    const event = intake(agency);
    await sendEvents(clientA, [event]);
    const compact = event.dossierCode.replace(/[.-]/g, "");
    // No province header: the unit code in what was typed finds the database.
    const res = await call(`/v1/dossiers/${compact}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.code).toBe(event.dossierCode);
    expect(body.provinceId).toBe(A.id);
  });

  it("a code of province A asked under province B's integration route is not found, and B's key cannot write it", async () => {
    // Refused before any read: the code is of an agency outside B's unit.
    const read = await integration(clientB, "GET", `/v1/integration/dossiers/${codeA}`);
    expect(read.status).toBe(403);
    expect(await read.text()).not.toContain("Trần Văn An");
    expect((await integration(clientA, "GET", `/v1/integration/dossiers/${codeA}`)).status).toBe(200);
    // B's one-stop system sending an event for A's dossier: refused (not its agency), and nothing lands anywhere.
    const res = await integration(clientB, "POST", "/v1/integration/events", {
      events: [{ ...intake(A.agency), dossierCode: codeA, id: `evt-cross-${codeA}` }],
    });
    const body = await json(res);
    expect(body.results?.[0]?.outcome ?? res.status).not.toBe("applied");
    expect(await dossierIn(env.DB_NGHE_AN, codeA)).toBe(0);
    expect(await count(env.DB_THANH_HOA, "SELECT count(*) AS n FROM dossier_events WHERE event_id = ?", `evt-cross-${codeA}`)).toBe(0);
    // Nor can it register A's agency.
    const agency = await integration(clientB, "PUT", `/v1/integration/agencies/${A.agency}`, { name: "Chiếm chỗ", address: "x", phone: "1" });
    expect(agency.status).toBe(403);
    expect(await count(env.DB_NGHE_AN, "SELECT count(*) AS n FROM agencies WHERE id = ?", A.agency)).toBe(0);
  });

  it("a citizen's session of province A reads and writes A's database only", async () => {
    await connectZalo(A.id, A.app);
    const session = await signIn(A.id, A.app, "shard-user-1");
    await follow(session, codeA, await slipToken(SECRET, codeA));
    // Following B's dossier with A's session: B's dossier is not in A's database.
    const cross = await asCitizen(session, "/v1/me/follows", "POST", { code: codeB, t: await slipToken(SECRET, codeB) });
    expect(cross.status).toBe(404);
    const follows = await json(await asCitizen(session, "/v1/me/follows"));
    expect(JSON.stringify(follows)).toContain(codeA);
    expect(JSON.stringify(follows)).not.toContain(codeB);
    expect(await count(env.DB_THANH_HOA, "SELECT count(*) AS n FROM follows WHERE dossier_code = ?", codeA)).toBe(1);
    expect(await count(env.DB_NGHE_AN, "SELECT count(*) AS n FROM follows")).toBe(0);
    expect(await count(env.DB_NGHE_AN, "SELECT count(*) AS n FROM citizens")).toBe(0);
    expect(await count(env.DB, "SELECT count(*) AS n FROM follows WHERE dossier_code = ?", codeA)).toBe(0);
  });

  it("delivers a shard's notifications through the queue from that shard's rows", async () => {
    const session = await signIn(A.id, A.app, "shard-user-2");
    await consent(session, "miniapp");
    const received = intake(A.agency, { receivedAt: new Date(Date.now() - 3_600_000).toISOString() });
    await sendEvents(clientA, [received]);
    await follow(session, received.dossierCode, await slipToken(SECRET, received.dossierCode));
    await sendEvents(clientA, [
      { id: `evt-${received.dossierCode}-ready`, type: "dossier.result_ready", occurredAt: new Date().toISOString(), dossierCode: received.dossierCode },
    ]);
    const sent = await waitFor("the delivery in shard A", async () => {
      const row = await env.DB_THANH_HOA.prepare(
        "SELECT d.status FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.dossier_code = ? AND d.status = 'sent'",
      )
        .bind(received.dossierCode)
        .first<{ status: string }>();
      return row?.status;
    });
    expect(sent).toBe("sent");
    const { messages } = await fake<{ messages: { userId?: string }[] }>("/__fake/messages?userId=shard-user-2");
    expect(messages.length).toBeGreaterThan(0);
    expect(await count(env.DB, "SELECT count(*) AS n FROM outbox WHERE dossier_code = ?", received.dossierCode)).toBe(0);
  });

  it("public lookups read through a Sessions API session and hand back its bookmark", async () => {
    const first = await call(`/v1/dossiers/${codeA}`);
    const bookmark = first.headers.get("x-motcua-bookmark");
    expect(bookmark).toBeTruthy();
    const again = await call(`/v1/dossiers/${codeA}`, { headers: { "x-motcua-bookmark": bookmark! } });
    expect(again.status).toBe(200);
    expect(again.headers.get("x-motcua-bookmark")).toBeTruthy();
    // A malformed bookmark is ignored rather than passed to D1.
    expect((await call(`/v1/dossiers/${codeA}`, { headers: { "x-motcua-bookmark": "not a bookmark!" } })).status).toBe(200);
  });
});

describe("onboarding and the map", () => {
  const province = (shard?: string) => ({
    name: "Tỉnh thử",
    shortName: "Thử",
    channelName: "Dịch vụ công thử",
    primaryColor: "#123456",
    accentColor: "#654321",
    ...(shard === undefined ? {} : { shard }),
  });

  it("keeps a province where it was created: moving it is refused with 409", async () => {
    const moved = await admin(`/v1/admin/provinces/${A.id}`, "PUT", { ...province(B.shard), agencyCode: "H52" });
    expect(moved.status).toBe(409);
    expect((await json(moved)).error.code).toBe("shard_change_refused");
    expect(await env.DB.prepare("SELECT binding FROM shard_map WHERE province_id = ?").bind(A.id).first("binding")).toBe(A.shard);
    // The same PUT naming its own shard, or none, updates it.
    expect((await admin(`/v1/admin/provinces/${A.id}`, "PUT", { ...province(A.shard), name: "Tỉnh A", agencyCode: "H52" })).status).toBe(200);
    expect(await env.DB_THANH_HOA.prepare("SELECT name FROM provinces WHERE id = ?").bind(A.id).first("name")).toBe("Tỉnh A");
    expect(await env.DB.prepare("SELECT name FROM provinces WHERE id = ?").bind(A.id).first("name")).toBe("Tỉnh A");
  });

  it("a Zalo app connects to one province across databases, even when two ask at the same moment", async () => {
    const app = { appId: "5900000001", miniAppId: "95900000001", appSecret: "secret-5900000001", templates: { miniapp: {}, zns: {} } };
    const [toA, toB] = await Promise.all([
      admin(`/v1/admin/provinces/${A.id}/zalo-app`, "PUT", app),
      admin(`/v1/admin/provinces/${B.id}/zalo-app`, "PUT", app),
    ]);
    expect([toA.status, toB.status].sort()).toEqual([200, 409]);
    const winner = toA.status === 200 ? A : B;
    const loser = winner === A ? B : A;
    expect(await env.DB.prepare("SELECT province_id FROM zalo_app_claims WHERE app_id = ?").bind(app.appId).first("province_id")).toBe(winner.id);
    const loserDb = loser === A ? env.DB_THANH_HOA : env.DB_NGHE_AN;
    expect(await count(loserDb, "SELECT count(*) AS n FROM zalo_apps WHERE app_id = ?", app.appId)).toBe(0);
    // The winner moving to another app frees this one for the other province.
    expect((await admin(`/v1/admin/provinces/${winner.id}/zalo-app`, "PUT", { ...app, appId: "5900000002" })).status).toBe(200);
    expect((await admin(`/v1/admin/provinces/${loser.id}/zalo-app`, "PUT", app)).status).toBe(200);
  });

  it("refuses a shard this Worker has no binding for, or a name that is not one", async () => {
    const unknown = await admin("/v1/admin/provinces/shard-x", "PUT", province("DB_NOWHERE"));
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.code).toBe("unknown_shard");
    expect((await admin("/v1/admin/provinces/shard-x", "PUT", province("MEDIA"))).status).toBe(400);
    expect(await count(env.DB, "SELECT count(*) AS n FROM provinces WHERE id = 'shard-x'")).toBe(0);
  });

  it("detects a shard left out of a migration and refuses it with 503 instead of failing oddly", async () => {
    const res = await admin("/v1/admin/provinces/shard-behind", "PUT", province("DB_BEHIND"));
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.error.code).toBe("shard_not_migrated");
    expect(body.error.detail).toContain("DB_BEHIND");
    expect(body.error.detail).toContain(env.TEST_MIGRATIONS.at(-1)!.name.replace(/\.sql$/, ""));
    expect(await count(env.DB, "SELECT count(*) AS n FROM provinces WHERE id = 'shard-behind'")).toBe(0);
  });

  it("the admin rebuild of the figures goes through every shard", async () => {
    const res = await admin("/v1/admin/figures/rebuild", "POST", {});
    expect(res.status).toBe(200);
    const { rebuilt } = await json(res);
    expect(rebuilt).toEqual(expect.arrayContaining([A.id, B.id]));
    expect(new Set(rebuilt).size).toBe(rebuilt.length);
  });
});

describe("a province split by agency group", () => {
  const SPLIT = { id: "shard-split", home: "000.00.06.H55", grouped: "000.31.05.H55", group: "000.31." };
  let home: Client;
  let group: Client;

  beforeAll(async () => {
    home = await createProvince(SPLIT.id, SPLIT.home, { shard: "DB_THANH_HOA" });
    // The commune centres 000.31.* of the province move to a database of their own.
    const placed = await admin(`/v1/admin/provinces/${SPLIT.id}/agency-groups/${SPLIT.group}`, "PUT", { shard: "DB_NGHE_AN" });
    expect(placed.status).toBe(200);
    expect((await json(placed)).created).toBe(true);
    expect((await admin(`/v1/admin/provinces/${SPLIT.id}/agency-groups/${SPLIT.group}`, "PUT", { shard: "DB_THANH_HOA" })).status).toBe(409);
    expect(await env.DB_NGHE_AN.prepare("SELECT agency_code FROM provinces WHERE id = ?").bind(SPLIT.id).first("agency_code")).toBe("H55");
    const created = await admin(`/v1/admin/provinces/${SPLIT.id}/integration-clients`, "POST", { name: "Một cửa cấp xã", agencyGroup: SPLIT.group });
    expect(created.status).toBe(201);
    group = await json(created);
    expect(group.agencyGroup).toBe(SPLIT.group);
    const a = SPLIT.grouped;
    await putReference(group, `/v1/integration/agencies/${a}`, { name: "Trung tâm Phục vụ hành chính công xã", address: "Số 2", phone: "0237 3 000 001" });
    await putReference(group, `/v1/integration/departments/tp-${a}`, { agencyId: a, name: "Tư pháp - Hộ tịch" });
    await putReference(group, `/v1/integration/officers/cb-${a}`, { displayName: "Lê Văn Hùng", title: "Công chức", departmentId: `tp-${a}` });
    await putReference(group, "/v1/integration/procedures/1.000894", MARRIAGE_PROCEDURE);
  });

  it("keeps the group's dossiers in the group's database, found by code, and the rest at home", async () => {
    const grouped = intake(SPLIT.grouped);
    const atHome = intake(SPLIT.home);
    await sendEvents(group, [grouped]);
    await sendEvents(home, [atHome]);
    expect(await dossierIn(env.DB_NGHE_AN, grouped.dossierCode)).toBe(1);
    expect(await dossierIn(env.DB_THANH_HOA, grouped.dossierCode)).toBe(0);
    expect(await dossierIn(env.DB_THANH_HOA, atHome.dossierCode)).toBe(1);
    // The province's row follows an update into every database of it.
    expect(
      (
        await admin(`/v1/admin/provinces/${SPLIT.id}`, "PUT", {
          name: "Tỉnh chia đôi",
          shortName: "Chia",
          channelName: "DVC",
          primaryColor: "#123456",
          accentColor: "#654321",
        })
      ).status,
    ).toBe(200);
    expect(await env.DB_NGHE_AN.prepare("SELECT name FROM provinces WHERE id = ?").bind(SPLIT.id).first("name")).toBe("Tỉnh chia đôi");
    for (const code of [grouped.dossierCode, atHome.dossierCode]) {
      const res = await call(`/v1/dossiers/${code}`);
      expect(res.status).toBe(200);
      expect((await json(res)).provinceId).toBe(SPLIT.id);
    }
  });

  it("refuses a code sent with the key of the wrong group, so no dossier lands where lookups would not find it", async () => {
    const wrongHome = intake("000.31.07.H55");
    await sendEvents(home, [wrongHome], ["rejected"]);
    const wrongGroup = intake(SPLIT.home);
    await sendEvents(group, [wrongGroup], ["rejected"]);
    for (const db of [env.DB_THANH_HOA, env.DB_NGHE_AN]) {
      expect(await dossierIn(db, wrongHome.dossierCode)).toBe(0);
      expect(await dossierIn(db, wrongGroup.dossierCode)).toBe(0);
    }
  });
});
