#!/usr/bin/env -S npx tsx
// An emergency alert to every subscriber of the demo province's 166 communes, end to end in one workerd (Miniflare)
// with the real queues and D1 and the fake Zalo on 127.0.0.1: the signed CAP message, the plan into pages, the
// consumer sending each page. Measured on a scaled audience (default 50,000), then extrapolated to 1,000,000 with
// the rates measured here, against the same run's floor (Node → fake Zalo).
// Run: npm run bench:broadcast [-- --subscribers 50000 --first 10000]. See bench/README.md.
import { parseArgs } from "node:util";
import { DEMO_COMMUNES } from "../scripts/demo/communes";
import { DEFAULT_LIMITS } from "../worker/src/domain/delivery-limits";
import { DELIVER_GROUP, FANOUT_PAGE, INLINE_PAGES } from "../worker/src/services/notify-queue";
import { log } from "./lib/common.mjs";
import { seedCitizens, runNotifyBench, upTo, zaloFloor } from "./lib/notify-stack";
import { cpuMsOf } from "./lib/procs.mjs";

const { values: args } = parseArgs({
  options: {
    subscribers: { type: "string", default: "50000" },
    first: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "6" },
  },
});
const SUBSCRIBERS = Number(args.subscribers);
const FIRST = Math.min(Number(args.first), SUBSCRIBERS);
const FLOOR_CONCURRENCY = Number(args.concurrency);
const TARGET = 1_000_000;
const PORTS = { zalo: Number(process.env.BENCH_BROADCAST_ZALO_PORT ?? 8832), worker: Number(process.env.BENCH_BROADCAST_WORKER_PORT ?? 8833) };
const PROVINCE = "bench-broadcast";
/** Cloudflare Queues: messages per second one queue takes. */
const QUEUE_MESSAGES_PER_SECOND = 5000;
/** D1 runs one statement at a time per database, about 1 ms each (Cloudflare's figure). */
const D1_STATEMENTS_PER_SECOND = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const vnNow = (minutes = 0) => new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString().replace(/\.\d+Z$/, "+07:00");

runNotifyBench("broadcast", PORTS, PROVINCE, async (stack) => {
  const { db, zalo, workerdPids, signed } = stack;
  {
    // The demo province's real communes, through the integration API as the province's system would send them.
    for (const [code, name] of DEMO_COMMUNES) await signed("PUT", `/v1/integration/communes/${code}`, { name });
    // Subscribers who agreed to Mini App messages, spread over every commune; a third chose a second commune (where
    // their parents live), so the audience is people, not choices. Written straight into D1: seeding, not measured.
    const seen = new Date(Date.now() - 3600_000).toISOString();
    const seedStart = performance.now();
    await seedCitizens(db, PROVINCE, SUBSCRIBERS, seen);
    // The communes numbered 0..165, so subscriber i lives in commune i mod 166.
    const numbered = `${upTo}, c(k, code) AS (SELECT row_number() OVER (ORDER BY code) - 1, code FROM communes WHERE province_id = ?2)`;
    const choose = (purpose: string, commune: string, where = "") =>
      db
        .prepare(
          `${numbered} INSERT INTO citizen_communes (citizen_id, province_id, commune_code, purpose, created_at)
           SELECT i, ?2, c.code, '${purpose}', ?3 FROM n JOIN c ON c.k = ${commune} ${where}`,
        )
        .bind(SUBSCRIBERS, PROVINCE, seen);
    await db.batch([
      choose("home", `n.i % ${DEMO_COMMUNES.length}`),
      choose(
        "family",
        `(n.i * 7 + 3) % ${DEMO_COMMUNES.length}`,
        `WHERE n.i % 3 = 0 AND (n.i * 7 + 3) % ${DEMO_COMMUNES.length} <> n.i % ${DEMO_COMMUNES.length}`,
      ),
    ]);
    log(`seeded ${SUBSCRIBERS} subscribers over ${DEMO_COMMUNES.length} communes in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const floorBefore = await zaloFloor(zalo, FIRST, FLOOR_CONCURRENCY, 1);

    // Ours: one CAP alert naming every commune, signed as the province's warning system sends it.
    const changes = async () => (await db.prepare("SELECT total_changes() AS n").first<{ n: number }>())?.n ?? 0;
    const changesBefore = await changes();
    const cpuBefore = cpuMsOf(workerdPids);
    const identifier = `TH-BENCH-${Date.now()}`;
    const t0 = performance.now();
    const answer = (await signed("POST", "/v1/integration/alerts", {
      identifier,
      sender: "pcttkcn@thanhhoa.gov.vn",
      sent: vnNow(0),
      status: "Actual",
      msgType: "Alert",
      scope: "Public",
      info: [
        {
          language: "vi-VN",
          category: ["Met"],
          event: "Bão",
          urgency: "Immediate",
          severity: "Extreme",
          certainty: "Observed",
          headline: "Bão số 5 đổ bộ trong đêm nay",
          instruction: "Ở trong nhà kiên cố, tránh xa cửa kính; không ra biển; chuẩn bị đèn pin, nước uống.",
          expires: vnNow(24 * 60),
          area: [{ areaDesc: "Toàn tỉnh", geocode: DEMO_COMMUNES.map(([value]) => ({ valueName: "ma_xa", value })) }],
        },
      ],
    })) as { targeted: number };
    const acceptedAt = performance.now();
    if (answer.targeted !== SUBSCRIBERS) throw new Error(`targeted ${answer.targeted}, expected ${SUBSCRIBERS}`);
    const s = (ms: number) => ms / 1000;
    const outbox = await db.prepare("SELECT outbox_id AS id FROM broadcasts WHERE subject = ?").bind(identifier).first<{ id: number }>();
    let plannedAt = 0;
    let firstAt = 0;
    let firstThousandsAt = 0;
    let halfAt = 0;
    for (;;) {
      const sent = zalo.state.messages.length;
      const now = performance.now();
      if (sent > 0 && !firstAt) firstAt = now;
      if (sent >= SUBSCRIBERS / 2 && !halfAt) halfAt = now;
      if (sent >= FIRST && !firstThousandsAt) firstThousandsAt = now;
      if (!plannedAt) {
        const row = await db.prepare("SELECT fanned_out_at AS at FROM outbox WHERE id = ?").bind(outbox?.id).first<{ at: string | null }>();
        if (row?.at) plannedAt = performance.now();
      }
      if (sent >= SUBSCRIBERS) break;
      if (now - t0 > 30 * 60_000) throw new Error(`only ${sent} of ${SUBSCRIBERS} reached after 30 minutes`);
      await sleep(20);
    }
    const allAt = performance.now();
    const cpuMs = cpuMsOf(workerdPids) - cpuBefore;
    // Rows the run inserted, updated or deleted (SQLite's count on the database's one connection, the polling's own
    // reads aside): the alert, its areas, the outbox and broadcast rows, the deliveries, counts and counters.
    const rowsChanged = (await changes()) - changesBefore;
    const statuses = await db
      .prepare("SELECT status, attempts, count(*) AS n FROM deliveries WHERE outbox_id = ? GROUP BY status, attempts")
      .bind(outbox?.id)
      .all<{ status: string; attempts: number; n: number }>();
    const duplicates = zalo.state.messages.length - new Set(zalo.state.messages.map((m) => m.userId)).size;
    const inFlight = zalo.state.maxInFlight;
    zalo.state.clear();
    const floorAfter = await zaloFloor(zalo, FIRST, FLOOR_CONCURRENCY, 2);
    const floor = Math.max(floorBefore.perSecond, floorAfter.perSecond);

    // What the run was made of.
    const pages = Math.ceil(SUBSCRIBERS / FANOUT_PAGE);
    const queued = pages > INLINE_PAGES;
    const queueMessages = queued ? pages : Math.ceil(SUBSCRIBERS / DELIVER_GROUP);
    const planSeconds = s(plannedAt - t0);
    const pace = SUBSCRIBERS / s(allAt - firstAt);
    const firstHalfPace = SUBSCRIBERS / 2 / s(halfAt - firstAt);
    const secondHalfPace = SUBSCRIBERS / 2 / s(allAt - halfAt);
    const rowsPerRecipient = rowsChanged / SUBSCRIBERS;
    const rowsPerSecond = rowsChanged / s(allAt - t0);
    const statementsPerRecipient = 1 / FANOUT_PAGE + (7 + 2 + 1 + 1) / DELIVER_GROUP;

    log(`\nalert to ${SUBSCRIBERS} subscribers in ${DEMO_COMMUNES.length} communes (one consumer invocation at a time, as Miniflare runs queues)`);
    log(`  statuses: ${statuses.results.map((r) => `${r.status} (attempt ${r.attempts}) ${r.n}`).join(", ")}; duplicate sends: ${duplicates}`);
    log(`  requests open at once at the fake Zalo, at most: ${inFlight}`);
    log(`  accepted (validated, stored, audience counted) after       ${s(acceptedAt - t0).toFixed(2)} s`);
    log(`  planned and enqueued (${pages} pages of ${FANOUT_PAGE}) after         ${planSeconds.toFixed(2)} s`);
    log(`  first reached after                                          ${s(firstAt - t0).toFixed(2)} s`);
    log(`  first ${FIRST} reached after                                  ${s(firstThousandsAt - t0).toFixed(2)} s`);
    log(`  all reached after                                            ${s(allAt - t0).toFixed(2)} s`);
    log(
      `  pace once sending: ${pace.toFixed(0)} deliveries/s; floor (Node → fake Zalo, ${FLOOR_CONCURRENCY} in flight, ${FIRST} requests): ${floor.toFixed(0)}/s`,
    );
    log(`    first half ${firstHalfPace.toFixed(0)}/s, second half ${secondHalfPace.toFixed(0)}/s`);
    log(
      `  ours / floor: ${(pace / floor).toFixed(2)}x once sending; the first ${FIRST} counted from the POST: ${(FIRST / s(firstThousandsAt - t0) / floor).toFixed(2)}x`,
    );
    log(`  workerd CPU: ${(cpuMs / SUBSCRIBERS).toFixed(3)} ms per recipient`);
    log(
      `  queue messages: ${queueMessages} (${(queueMessages / SUBSCRIBERS).toFixed(4)} per recipient: ${queued ? "one per page" : `one per ${DELIVER_GROUP} deliveries`})`,
    );
    log(`  D1 rows changed: ${rowsChanged} (${rowsPerRecipient.toFixed(2)} per recipient), ${rowsPerSecond.toFixed(0)} rows/s over the run (paced by Zalo)`);
    log(
      `  D1 statements: ≈ ${statementsPerRecipient.toFixed(2)} per recipient (1 INSERT … SELECT per page of ${FANOUT_PAGE}; per group of ${DELIVER_GROUP}: one batch of 7 reads, 2 quota claims, 1 UPDATE of every outcome, 1 counter update)`,
    );

    // 1,000,000 subscribers, from the rates measured above.
    const scale = TARGET / SUBSCRIBERS;
    const plan1M = planSeconds * scale;
    const first1M = plan1M + s(firstThousandsAt - plannedAt);
    const pages1M = Math.ceil(TARGET / FANOUT_PAGE);
    const rows1M = rowsPerRecipient * TARGET;
    log(`\nat ${TARGET.toLocaleString("en")} subscribers (extrapolated linearly from this run):`);
    log(`  plan and enqueue: ≈ ${plan1M.toFixed(1)} s (the audience is counted and cut into ${pages1M} pages in one pass each)`);
    log(`  first ${FIRST.toLocaleString("en")} reached: ≈ ${first1M.toFixed(1)} s (the plan, then the first ${Math.ceil(FIRST / FANOUT_PAGE)} pages as here)`);
    log(`  queue messages: ${pages1M} (${QUEUE_MESSAGES_PER_SECOND}/s per queue → ${(pages1M / QUEUE_MESSAGES_PER_SECOND).toFixed(1)} s: not the limit)`);
    log(`  one consumer at this pace: ≈ ${(plan1M + TARGET / pace).toFixed(0)} s; Zalo sends scale with consumers (6 connections each)`);
    log(
      `  D1: ≈ ${(rows1M / 1e6).toFixed(1)} M rows written in ≈ ${((statementsPerRecipient * TARGET) / 1e6).toFixed(2)} M statements; at D1's ≈ ${D1_STATEMENTS_PER_SECOND} statements/s per database that is ≈ ${((statementsPerRecipient * TARGET) / D1_STATEMENTS_PER_SECOND).toFixed(0)} s of the province's database — the floor under any number of consumers, and the next limit once they scale out`,
    );
    log(
      `  Zalo's quotas: with the default limits a province reaches at most ${DEFAULT_LIMITS.miniappDailyCap} people a day by Mini App and ${DEFAULT_LIMITS.znsDailyQuota} by ZNS; the other ${(TARGET - DEFAULT_LIMITS.miniappDailyCap - DEFAULT_LIMITS.znsDailyQuota).toLocaleString("en")} see it in the app only — the limit that binds first`,
    );

    return {
      subscribers: SUBSCRIBERS,
      communes: DEMO_COMMUNES.length,
      seconds: {
        accepted: s(acceptedAt - t0),
        planned: planSeconds,
        first: s(firstAt - t0),
        firstThousands: s(firstThousandsAt - t0),
        all: s(allAt - t0),
      },
      pace,
      firstHalfPace,
      secondHalfPace,
      floor,
      statementsPerRecipient,
      cpuMsPerRecipient: cpuMs / SUBSCRIBERS,
      queueMessages,
      rowsChanged,
      rowsPerRecipient,
      duplicates,
      statuses: statuses.results,
      extrapolated: { subscribers: TARGET, planSeconds: plan1M, firstSeconds: first1M, queueMessages: pages1M, rowsWritten: rows1M },
    };
  }
});
