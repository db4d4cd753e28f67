#!/usr/bin/env -S npx tsx
// Deliveries per second through the notification pipeline, in one workerd (Miniflare) with the real queue and
// the fake Zalo on 127.0.0.1, against a floor: the same number of notification requests sent straight from Node
// to the fake Zalo with the consumer's concurrency. Then what that means at 1,000,000 recipients.
// Run: npm run bench:notify [-- --recipients 3000]. See bench/README.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Miniflare } from "miniflare";
import { startFakeZalo } from "../scripts/fake-zalo/server";
import { signedFetch } from "../scripts/lib/signing";
import { DELIVER_GROUP, FANOUT_PAGE } from "../worker/src/services/notify";
import { bundleWorker, cleanup, gitInfo, log, readWranglerConfig, RESULTS_DIR, ROOT } from "./lib/common.mjs";
import { cpuMsOf, workerdDescendants } from "./lib/procs.mjs";
import { readMigrations } from "./lib/seed.mjs";

const { values: args } = parseArgs({
  options: {
    recipients: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "6" },
  },
});
const RECIPIENTS = Number(args.recipients);
const FLOOR_CONCURRENCY = Number(args.concurrency);
const PORTS = { zalo: Number(process.env.BENCH_NOTIFY_ZALO_PORT ?? 8826), worker: Number(process.env.BENCH_NOTIFY_WORKER_PORT ?? 8827) };
const STATE = path.join(ROOT, ".tmp", "bench-notify-state");
const SERVER_SECRET = "bench-only-server-secret-0123456789abcdef";
const ADMIN_TOKEN = "bench-admin-token";
const APP = {
  appId: "5550000000000000001",
  appSecret: "bench-app-secret",
  miniAppId: "5550000000000000002",
  miniAppApiKey: "bench-api-key",
  oaAccessToken: "bench-oa-token",
};
const KINDS = [
  "supplement_requested",
  "supplement_reminder",
  "fee_due",
  "result_ready",
  "due_changed",
  "overdue",
  "refused",
  "withdrawn",
  "stopped",
  "returned",
];
const AGENCY = "000.00.06.H56";
const PROVINCE = "bench-notify";

/** Cloudflare Queues limits the projection uses. */
const QUEUE_MESSAGES_PER_SECOND = 5000;
const CONSUMER_CONCURRENCY = [1, 10, 50, 250];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const vnNow = (minutes = 0) => new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString().replace("Z", "+07:00");

async function main() {
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  log(`bundling the worker…`);
  const bundle = await bundleWorker(path.join(ROOT, ".tmp", "bench-notify-build"));
  const zalo = await startFakeZalo({ port: PORTS.zalo, apps: [APP], oaAccessTokens: [APP.oaAccessToken] });
  const config = readWranglerConfig();
  const before = new Set(workerdDescendants(process.pid));
  const mf = new Miniflare({
    scriptPath: bundle.scriptPath,
    modules: true,
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    d1Databases: { DB: config.d1Id },
    d1Persist: path.join(STATE, "d1"),
    queueProducers: { NOTIFY_QUEUE: "motcua-notify", NOTIFY_URGENT_QUEUE: "motcua-notify-urgent", NOTIFY_DLQ: "motcua-notify-dlq" },
    queueConsumers: {
      "motcua-notify": { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 10, deadLetterQueue: "motcua-notify-dlq" },
      "motcua-notify-urgent": { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 10, deadLetterQueue: "motcua-notify-dlq" },
    },
    bindings: {
      ...config.vars,
      SERVER_SECRET,
      ADMIN_TOKEN,
      ZALO_GRAPH_URL: zalo.url,
      ZALO_MINIAPP_API_URL: zalo.url,
      ZALO_ZNS_API_URL: zalo.url,
    },
    cf: false,
    host: "127.0.0.1",
    port: PORTS.worker,
  });
  try {
    const api = (await mf.ready).toString().replace(/\/$/, "");
    const workerdPids = workerdDescendants(process.pid).filter((pid) => !before.has(pid));
    const db = await mf.getD1Database("DB");
    for (const m of readMigrations(config.migrationsDir)) await db.batch(m.statements.map((s: string) => db.prepare(s)));

    // Reference data and the Zalo app through the real API, as an operator and a one-stop system would.
    const adminCall = async (method: string, p: string, body: unknown) => {
      const res = await fetch(`${api}${p}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    await adminCall("PUT", `/v1/admin/provinces/${PROVINCE}`, {
      name: "Tỉnh thử tải",
      shortName: "Thử tải",
      channelName: "Dịch vụ công thử tải",
      primaryColor: "#b3261e",
      accentColor: "#f4b400",
      agencyCode: "H56",
    });
    const keys = { keyId: "bench-notify", secret: "bench-notify-secret-0123456789abcdef" };
    await adminCall("POST", `/v1/admin/provinces/${PROVINCE}/integration-clients`, { name: "bench", ...keys });
    const templates = Object.fromEntries(KINDS.map((k) => [k, `tpl-${k}`]));
    await adminCall("PUT", `/v1/admin/provinces/${PROVINCE}/zalo-app`, { ...APP, templates: { miniapp: templates, zns: templates } });
    const signed = async (method: string, p: string, body?: unknown) => {
      const res = await signedFetch(api, keys, method, p, body);
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    // Every follower gets this one message whatever the hour: the whole day, and a cap above the run's size (the
    // planner still plans and claims every delivery, as in production).
    await signed("PUT", "/v1/integration/delivery-settings", {
      miniappWindowStart: "00:00",
      miniappWindowEnd: "24:00",
      miniappDailyCap: 10_000_000,
      znsDailyQuota: 10_000_000,
    });
    await signed("PUT", `/v1/integration/agencies/${AGENCY}`, { name: "Trung tâm Phục vụ hành chính công" });
    await signed("PUT", `/v1/integration/procedures/1.000894`, {
      name: "Đăng ký kết hôn",
      field: "Hộ tịch",
      documents: [],
      legalDays: 5,
      whereToFile: "Một cửa",
    });
    const code = `${AGENCY}-261124-0001`;
    await signed("POST", "/v1/integration/events", {
      events: [
        {
          id: "intake",
          type: "dossier.received",
          occurredAt: vnNow(-60),
          dossierCode: code,
          agencyId: AGENCY,
          procedureCode: "1.000894",
          applicant: { name: "A", idNumber: "038090001234" },
          receivedAt: vnNow(-60),
          dueAt: vnNow(5 * 1440),
        },
      ],
    });

    // Followers who agreed to Mini App notifications, written straight into D1 (seeding, not the path measured).
    const past = new Date(Date.now() - 3600_000).toISOString();
    const seedStart = performance.now();
    const statements = [];
    for (let i = 1; i <= RECIPIENTS; i++) {
      statements.push(
        db
          .prepare("INSERT INTO citizens (id, province_id, app_id, zalo_user_id, last_seen_at) VALUES (?, ?, ?, ?, ?)")
          .bind(i, PROVINCE, APP.appId, `u${i}`, past),
      );
      statements.push(
        db
          .prepare("INSERT INTO consents (citizen_id, channel, purpose, wording, granted_at) VALUES (?, 'miniapp', 'dossier_updates', 'bench', ?)")
          .bind(i, past),
      );
      statements.push(
        db.prepare("INSERT INTO follows (citizen_id, dossier_code, province_id, proof, created_at) VALUES (?, ?, ?, 'slip', ?)").bind(i, code, PROVINCE, past),
      );
    }
    for (let i = 0; i < statements.length; i += 300) await db.batch(statements.slice(i, i + 300));
    log(`seeded ${RECIPIENTS} followers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    // Floor: the same number of notification requests, straight from Node to the fake Zalo, with the consumer's
    // concurrency; run before and after ours, the better of the two counts (the machine's load moves both).
    const runFloor = async (round: number) => {
      const floorStart = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: FLOOR_CONCURRENCY }, async () => {
          while (next < RECIPIENTS) {
            const i = ++next;
            const res = await fetch(`${zalo.url}/notification/template`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "X-Api-Key": `Bearer ${APP.miniAppApiKey}`,
                "X-User-Id": `floor-${round}-${i}`,
                "X-MiniApp-Id": APP.miniAppId,
              },
              body: JSON.stringify({ templateId: "tpl-fee_due", templateData: { title: "t", content: "c", code, buttonText: "b", path: "/" } }),
            });
            await res.arrayBuffer();
          }
        }),
      );
      const seconds = (performance.now() - floorStart) / 1000;
      const inFlight = zalo.state.maxInFlight;
      zalo.state.clear();
      return { seconds, inFlight };
    };
    const floorBefore = await runFloor(1);

    // Ours: one signed event; time until every follower's notification has reached Zalo.
    const cpuBefore = cpuMsOf(workerdPids);
    const t0 = performance.now();
    await signed("POST", "/v1/integration/events", {
      events: [{ id: "fee", type: "dossier.fee_requested", occurredAt: vnNow(-1), dossierCode: code, amountVnd: 150000 }],
    });
    let fannedOutAt = 0;
    let firstAt = 0;
    for (;;) {
      const sent = zalo.state.messages.length;
      if (sent > 0 && !firstAt) firstAt = performance.now();
      if (!fannedOutAt) {
        const row = await db.prepare("SELECT count(*) AS n FROM deliveries").first<{ n: number }>();
        if ((row?.n ?? 0) >= RECIPIENTS) fannedOutAt = performance.now();
      }
      if (sent >= RECIPIENTS) break;
      if (performance.now() - t0 > 20 * 60_000) throw new Error(`only ${sent} of ${RECIPIENTS} delivered after 20 minutes`);
      await sleep(25);
    }
    const t1 = performance.now();
    const cpuMs = cpuMsOf(workerdPids) - cpuBefore;
    const seconds = (t1 - t0) / 1000;
    const statuses = await db.prepare("SELECT status, count(*) AS n FROM deliveries GROUP BY status").all<{ status: string; n: number }>();
    const duplicates = zalo.state.messages.length - new Set(zalo.state.messages.map((m) => m.userId)).size;
    const oursInFlight = zalo.state.maxInFlight;
    zalo.state.clear();
    const floorAfter = await runFloor(2);
    const floorSeconds = Math.min(floorBefore.seconds, floorAfter.seconds);
    const floorInFlight = Math.max(floorBefore.inFlight, floorAfter.inFlight);

    const ours = RECIPIENTS / seconds;
    /** Once the first message is out: the pipeline's pace without the queue's first batching wait. */
    const steady = RECIPIENTS / ((t1 - firstAt) / 1000);
    const floor = RECIPIENTS / floorSeconds;
    const fanoutSeconds = fannedOutAt ? (fannedOutAt - t0) / 1000 : NaN;
    log(`\nrecipients ${RECIPIENTS}: every notification at Zalo in ${seconds.toFixed(2)} s (first after ${((firstAt - t0) / 1000).toFixed(2)} s)`);
    log(`  statuses: ${statuses.results.map((r) => `${r.status} ${r.n}`).join(", ")}; duplicate sends: ${duplicates}`);
    log(`  requests open at once at the fake Zalo, at most: ours ${oursInFlight}, floor ${floorInFlight}`);
    log("");
    log("way                                          deliveries/s   CPU ms/delivery (workerd)");
    log(`ours: event → outbox → queue → Zalo           ${ours.toFixed(0).padStart(10)}   ${(cpuMs / RECIPIENTS).toFixed(3)}`);
    log(`ours after the first send (steady pace)       ${steady.toFixed(0).padStart(10)}`);
    log(
      `floor: Node → fake Zalo, ${FLOOR_CONCURRENCY} in flight            ${floor.toFixed(0).padStart(10)}   (before ${(RECIPIENTS / floorBefore.seconds).toFixed(0)}, after ${(RECIPIENTS / floorAfter.seconds).toFixed(0)})`,
    );
    log(`ours / floor                                  ${(ours / floor).toFixed(2)}x (steady ${(steady / floor).toFixed(2)}x)`);
    log(`every delivery row created after ${fanoutSeconds.toFixed(2)} s (${Math.ceil(RECIPIENTS / FANOUT_PAGE)} fan-out pages)`);

    // What one measured workerd says about 1,000,000 recipients.
    const million = 1_000_000;
    const fanoutMessages = Math.ceil(million / FANOUT_PAGE);
    const deliverMessages = Math.ceil(million / DELIVER_GROUP);
    const queueFloorSeconds = (fanoutMessages + deliverMessages) / QUEUE_MESSAGES_PER_SECOND;
    log(`\nat 1,000,000 recipients (${FANOUT_PAGE} followers per fan-out page, ${DELIVER_GROUP} deliveries per queue message):`);
    log(
      `  queue messages: 1 plan + ${fanoutMessages} fan-out pages (all enqueued at once) + ${deliverMessages} deliver = ${1 + fanoutMessages + deliverMessages}`,
    );
    log(`  Queues' ${QUEUE_MESSAGES_PER_SECOND} messages/s per queue → no faster than ${queueFloorSeconds.toFixed(0)} s whatever the consumers`);
    for (const k of CONSUMER_CONCURRENCY) {
      const sendSeconds = million / (steady * k);
      log(
        `  ${String(k).padStart(3)} concurrent consumer invocations at the steady pace measured here: ≈ ${Math.max(sendSeconds, queueFloorSeconds).toFixed(0)} s`,
      );
    }
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `notify-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          git: gitInfo(),
          recipients: RECIPIENTS,
          seconds,
          ours,
          floor,
          ratio: ours / floor,
          cpuMsPerDelivery: cpuMs / RECIPIENTS,
          steady,
          fanoutSeconds,
          duplicates,
          maxInFlight: oursInFlight,
          floorMaxInFlight: floorInFlight,
          statuses: statuses.results,
        },
        null,
        2,
      ),
    );
    log(`\nwritten ${path.relative(ROOT, file)}`);
  } finally {
    await mf.dispose();
    await zalo.stop();
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
