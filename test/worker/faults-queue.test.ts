import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { NotifyMessage } from "../../worker/src/env";
import worker from "../../worker/src/index";
import { SWEEP_CRON } from "../../worker/src/services/notify";
import { slipToken } from "../../worker/src/security/tokens";
import { createProvince, intake, sendEvents, type Client } from "./helpers";
import { count, deliveriesOf, faultCounter, messagesTo, pause, settled, waitFor } from "./faults-helpers";
import { connectZalo, consent, follow, signIn, vnTime } from "./zalo-helpers";

/**
 * The queue and the worker failing around a send: the same batch delivered again (and at once), a queue message
 * lost, a consumer dying after Zalo accepted a message but before it was recorded. The guarantee the README states:
 * each delivery (one per message and citizen) is claimed before it is sent, so redeliveries and concurrent
 * consumers never send it twice; a lost queue message is found by the sweeper; a send whose outcome was never
 * recorded is sent again (at least once).
 */
const PROVINCE = "faults-queue";
const AGENCY = "000.00.73.H73";
const APP = "7300000001";
const SECRET = "test-server-secret-0123456789abcdef";
const MINUTE = 60_000;
let client: Client;
const survived = faultCounter("queue redelivery and crashes");

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
});

/** A follower of a fresh dossier who was sent one message (result ready) through the real pipeline. */
async function sentOnce(user: string) {
  const session = await signIn(PROVINCE, APP, user);
  await consent(session, "miniapp");
  const received = intake(AGENCY, { occurredAt: vnTime(-60), receivedAt: vnTime(-60) });
  await sendEvents(client, [received]);
  await follow(session, received.dossierCode, await slipToken(SECRET, received.dossierCode));
  await sendEvents(client, [{ id: `${received.dossierCode}-ready`, type: "dossier.result_ready", occurredAt: vnTime(-1), dossierCode: received.dossierCode }]);
  const [delivery] = await waitFor("the first send", async () => settled(await deliveriesOf(received.dossierCode)) && deliveriesOf(received.dossierCode));
  expect(delivery!.status).toBe("sent");
  expect(await messagesTo(user)).toHaveLength(1);
  return { code: received.dossierCode, delivery: delivery! };
}

let messageSeq = 0;
/** Runs the worker's queue consumer on these bodies, as Cloudflare delivers a batch; every message must be acked. */
async function consume(bodies: NotifyMessage[]) {
  const batch = createMessageBatch<NotifyMessage>(
    "motcua-notify",
    bodies.map((body) => ({ id: `redelivered-${++messageSeq}`, timestamp: new Date(), attempts: 2, body })),
  );
  // The consumer uses no execution context of its own; getQueueResult reads the batch's acks and retries.
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, createExecutionContext());
  expect(result.explicitAcks.length).toBe(bodies.length);
  expect(result.retryMessages).toEqual([]);
}

const sweep = (at: number) => worker.scheduled(createScheduledController({ cron: SWEEP_CRON, scheduledTime: at }), env);

describe("the queue delivers the same batch again", () => {
  it("a batch already handled, redelivered three times (two at once): no new delivery, no second message", async () => {
    const { code, delivery } = await sentOnce("q-redeliver");
    const same: NotifyMessage[] = [
      { type: "fanout", outboxId: delivery.outbox_id },
      { type: "deliver", deliveryIds: [delivery.id] },
    ];
    await Promise.all([consume(same), consume(same)]);
    await consume(same);
    await pause(1500);
    expect(await deliveriesOf(code)).toHaveLength(1);
    expect(await messagesTo("q-redeliver")).toHaveLength(1);
    survived();
  });

  it("a fan-out never handled, delivered twice at once: one delivery per follower, each sent once", async () => {
    const { code, delivery } = await sentOnce("q-fresh");
    // A second message for the same dossier, its fan-out not started yet (as the queue holds it).
    const outboxId = (await env.DB.prepare(
      "INSERT INTO outbox (dedupe_key, province_id, dossier_code, kind, params, created_at) SELECT dedupe_key || ':again', province_id, dossier_code, kind, params, ? FROM outbox WHERE id = ? RETURNING id",
    )
      .bind(new Date().toISOString(), delivery.outbox_id)
      .first<{ id: number }>())!.id;
    await Promise.all([consume([{ type: "fanout", outboxId }]), consume([{ type: "fanout", outboxId }])]);
    await waitFor("the second message", async () => {
      const rows = await deliveriesOf(code);
      return rows.length === 2 && settled(rows);
    });
    await pause(1500);
    expect(await count("SELECT count(*) AS n FROM deliveries WHERE outbox_id = ?", outboxId)).toBe(1);
    expect(await messagesTo("q-fresh")).toHaveLength(2);
    survived();
  });
});

describe("a crash around a send", () => {
  it("a delivery written but its queue message lost: the sweeper sends it once, and a second sweep sends nothing", async () => {
    const { code, delivery } = await sentOnce("q-lost");
    const outboxId = (await env.DB.prepare(
      "INSERT INTO outbox (dedupe_key, province_id, dossier_code, kind, params, created_at, fanned_out_at) SELECT dedupe_key || ':lost', province_id, dossier_code, kind, params, ?1, ?1 FROM outbox WHERE id = ? RETURNING id",
    )
      .bind(new Date().toISOString(), delivery.outbox_id)
      .first<{ id: number }>())!.id;
    // What the fan-out writes before it enqueues the delivery; the enqueue never happened.
    const now = new Date().toISOString();
    await env.DB.prepare(
      "INSERT INTO deliveries (outbox_id, citizen_id, channel, status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'miniapp', 'queued', 0, ?3, ?3, ?3)",
    )
      .bind(outboxId, delivery.citizen_id, now)
      .run();
    // Nothing happens until the sweeper runs, 10 minutes after the delivery was due.
    await pause(1500);
    expect(await messagesTo("q-lost")).toHaveLength(1);
    await sweep(Date.now() + 11 * MINUTE);
    await waitFor("the swept delivery", async () => settled(await deliveriesOf(code)) && (await messagesTo("q-lost")).length === 2);
    await sweep(Date.now() + 11 * MINUTE);
    await pause(1500);
    expect(await messagesTo("q-lost")).toHaveLength(2);
    expect((await deliveriesOf(code)).map((d) => d.status)).toEqual(["sent", "sent"]);
    survived();
  });

  it("sent but the consumer died before recording it: the sweeper sends it again (at least once) and records it", async () => {
    const { code, delivery } = await sentOnce("q-crash");
    // The claim as the dead consumer left it: `sending`, Zalo already has the message.
    await env.DB.prepare("UPDATE deliveries SET status = 'sending', sent_at = NULL WHERE id = ?").bind(delivery.id).run();
    await sweep(Date.now() + 5 * MINUTE);
    await pause(1000);
    expect(await messagesTo("q-crash")).toHaveLength(1);
    await sweep(Date.now() + 11 * MINUTE);
    const [row] = await waitFor(
      "the resend",
      async () => (await messagesTo("q-crash")).length === 2 && settled(await deliveriesOf(code)) && deliveriesOf(code),
    );
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    await sweep(Date.now() + 11 * MINUTE);
    await pause(1000);
    expect(await messagesTo("q-crash")).toHaveLength(2);
    survived();
  });

  it("the same crash on the last attempt: dead-lettered as outcome unknown, not sent again", async () => {
    const { code, delivery } = await sentOnce("q-crash-last");
    await env.DB.prepare("UPDATE deliveries SET status = 'sending', attempts = 3 WHERE id = ?").bind(delivery.id).run();
    await sweep(Date.now() + 11 * MINUTE);
    await pause(1000);
    const [row] = await deliveriesOf(code);
    expect(row).toMatchObject({ status: "failed_permanent", attempts: 3 });
    expect(row!.dead_lettered_at).not.toBeNull();
    expect(row!.last_error).toMatch(/outcome unknown/);
    expect(await messagesTo("q-crash-last")).toHaveLength(1);
    survived();
  });
});
