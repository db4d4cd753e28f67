#!/usr/bin/env -S npx tsx
// Deliveries per second through the notification pipeline, in one workerd (Miniflare) with the real queue and
// the fake Zalo on 127.0.0.1, against a floor: the same number of notification requests sent straight from Node
// to the fake Zalo with the consumer's concurrency. Then what that means at 1,000,000 recipients.
// Run: npm run bench:notify [-- --recipients 3000]. See bench/README.md.
import { parseArgs } from "node:util";
import { DELIVER_GROUP, FANOUT_PAGE } from "../worker/src/services/notify";
import { log } from "./lib/common.mjs";
import { BENCH_AGENCY, seedCitizens, runNotifyBench, upTo, zaloFloor } from "./lib/notify-stack";
import { cpuMsOf } from "./lib/procs.mjs";

const { values: args } = parseArgs({
  options: {
    recipients: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "6" },
  },
});
const RECIPIENTS = Number(args.recipients);
const FLOOR_CONCURRENCY = Number(args.concurrency);
const PORTS = { zalo: Number(process.env.BENCH_NOTIFY_ZALO_PORT ?? 8826), worker: Number(process.env.BENCH_NOTIFY_WORKER_PORT ?? 8827) };
const PROVINCE = "bench-notify";

/** Cloudflare Queues limits the projection uses. */
const QUEUE_MESSAGES_PER_SECOND = 5000;
const CONSUMER_CONCURRENCY = [1, 10, 50, 250];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const vnNow = (minutes = 0) => new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString().replace("Z", "+07:00");

runNotifyBench("notify", PORTS, PROVINCE, async (stack) => {
  const { db, zalo, workerdPids, signed } = stack;
  {
    await signed("PUT", `/v1/integration/procedures/1.000894`, {
      name: "Đăng ký kết hôn",
      field: "Hộ tịch",
      documents: [],
      legalDays: 5,
      whereToFile: "Một cửa",
    });
    const code = `${BENCH_AGENCY}-261124-0001`;
    await signed("POST", "/v1/integration/events", {
      events: [
        {
          id: "intake",
          type: "dossier.received",
          occurredAt: vnNow(-60),
          dossierCode: code,
          agencyId: BENCH_AGENCY,
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
    await seedCitizens(db, PROVINCE, RECIPIENTS, past);
    await db
      .prepare(`${upTo} INSERT INTO follows (citizen_id, dossier_code, province_id, proof, created_at) SELECT i, ?2, ?3, 'slip', ?4 FROM n`)
      .bind(RECIPIENTS, code, PROVINCE, past)
      .run();
    log(`seeded ${RECIPIENTS} followers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    // Floor: the same number of notification requests straight from Node to the fake Zalo with the consumer's
    // concurrency; run before and after ours, the better of the two counts (the machine's load moves both).
    const floorBefore = await zaloFloor(zalo, RECIPIENTS, FLOOR_CONCURRENCY, 1);

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
    const floorAfter = await zaloFloor(zalo, RECIPIENTS, FLOOR_CONCURRENCY, 2);
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
    return {
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
    };
  }
});
