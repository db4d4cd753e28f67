/**
 * The notification pipeline after the outbox. Two kinds of queue message:
 * - `fanout`: one outbox row → one delivery row per follower (INSERT … SELECT, idempotent), then `deliver`
 *   messages for them. Past one page of followers, the first fan-out message only cuts the followers into pages
 *   (one query) and enqueues them all, so pages are processed in parallel by as many consumers as run;
 * - `deliver`: a handful of delivery ids → each is claimed (queued/failed_temporary → sending, in one UPDATE, so
 *   only one consumer ever sends it), sent through Zalo, and its outcome recorded.
 * Temporary failures are re-enqueued with a growing delay; after the last attempt the delivery is dead-lettered
 * (failed_permanent, with Zalo's reason, and parked on the dead-letter queue). Consent and following are checked
 * at send time, so withdrawing either stops messages at once. The guarantee is at least once per delivery (see
 * sweepNotifications and the README).
 */
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { citizens, consents, deliveries, follows, outbox } from "../db/schema";
import { type MessageKind, type MessageParams, needsFollowing, renderMessage } from "../domain/notifications";
import type { Db, Env, NotifyMessage } from "../env";
import { decryptClientSecret } from "../security/client-secrets";
import { loadZaloApp, type ZaloApp } from "../zalo/apps";
import { type SendResult, sendMiniAppNotification, sendZnsMessage, zaloEndpoints } from "../zalo/client";

/** The sweeper's cron expression in wrangler.jsonc (every 5 minutes); the hourly one does reminders and housekeeping. */
export const SWEEP_CRON = "*/5 * * * *";

/** Followers handled per fanout message, and deliveries per deliver message (a consumer batch of 10 messages then
 * sends at most 100 requests, well under the Workers subrequest limit). */
export const FANOUT_PAGE = 500;
export const DELIVER_GROUP = 10;
/** Cloudflare Queues: at most 100 messages per sendBatch, delays up to 12 hours. */
const SEND_BATCH_MAX = 100;
const MAX_DELAY_SECONDS = 12 * 60 * 60;
/** Requests to Zalo in flight at once per invocation (Workers allow 6 open connections). */
const SEND_CONCURRENCY = 6;

export function notifySettings(env: Pick<Env, "NOTIFY_MAX_ATTEMPTS" | "NOTIFY_RETRY_BASE_SECONDS">) {
  const attempts = Number(env.NOTIFY_MAX_ATTEMPTS);
  const base = Number(env.NOTIFY_RETRY_BASE_SECONDS);
  return {
    maxAttempts: Number.isInteger(attempts) && attempts > 0 ? attempts : 6,
    retryBaseSeconds: Number.isFinite(base) && base >= 0 ? base : 30,
  };
}

/** The delay before attempt `attempts + 1`: base × 2^(attempts−1), at least what Zalo asked for, at most 12 h. */
export function retryDelaySeconds(attempts: number, baseSeconds: number, retryAfterSeconds?: number): number {
  const backoff = baseSeconds * 2 ** Math.max(0, attempts - 1);
  return Math.min(MAX_DELAY_SECONDS, Math.ceil(Math.max(backoff, retryAfterSeconds ?? 0)));
}

async function sendAll(queue: Queue<NotifyMessage>, messages: NotifyMessage[], delaySeconds?: number) {
  for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
    const chunk = messages.slice(i, i + SEND_BATCH_MAX).map((body) => ({ body, ...(delaySeconds ? { delaySeconds } : {}) }));
    await queue.sendBatch(chunk);
  }
}

/** After outbox rows are committed: start their fan-out. If this fails, the sweeper finds them (fannedOutAt null). */
export async function dispatchOutbox(env: Pick<Env, "NOTIFY_QUEUE">, outboxIds: number[]): Promise<void> {
  if (outboxIds.length === 0) return;
  try {
    await sendAll(
      env.NOTIFY_QUEUE,
      outboxIds.map((outboxId) => ({ type: "fanout", outboxId })),
    );
  } catch (error) {
    console.warn("outbox dispatch failed; the sweeper will retry", outboxIds.length, String(error));
  }
}

export async function handleNotifyBatch(batch: MessageBatch<NotifyMessage>, env: Env, db: Db): Promise<void> {
  for (const message of batch.messages) {
    try {
      const body = message.body;
      if (body.type === "fanout") await fanOut(env, db, body.outboxId, body.page);
      else if (body.type === "deliver") await deliver(env, db, body.deliveryIds);
      message.ack();
    } catch (error) {
      // D1 or the queue failed under us: let the queue redeliver. Claimed rows were released (see deliver).
      console.error("notify message failed; will be retried", JSON.stringify(message.body), String(error));
      message.retry();
    }
  }
}

/** Plans a fan-out (no page) or creates and enqueues the deliveries of one page of followers. Safe to run twice. */
export async function fanOut(env: Env, db: Db, outboxId: number, page?: { after: number; upTo: number | null }): Promise<void> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, outboxId)).limit(1);
  if (!row) return;
  // Followers as of the message: someone who follows later was not following when it happened.
  const following = sql`${follows.dossierCode} = ${row.dossierCode} AND ${follows.createdAt} <= ${row.createdAt}`;
  const now = new Date().toISOString();
  if (row.recipientCitizenId !== null) {
    // One recipient: one delivery, no pages.
    if (row.fannedOutAt) return;
    const [created] = await db
      .insert(deliveries)
      .values({
        outboxId,
        citizenId: row.recipientCitizenId,
        channel: "miniapp",
        status: "queued",
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: deliveries.id });
    if (created) await sendAll(env.NOTIFY_QUEUE, [{ type: "deliver", deliveryIds: [created.id] }]);
    await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, outboxId));
    return;
  }
  if (!page) {
    if (row.fannedOutAt) return;
    // The last citizen id of every full page, in one pass over the index.
    const ends = await db.all<{ id: number }>(sql`
      SELECT citizen_id AS id FROM (
        SELECT ${follows.citizenId} AS citizen_id, row_number() OVER (ORDER BY ${follows.citizenId}) AS n FROM ${follows} WHERE ${following}
      ) WHERE n % ${FANOUT_PAGE} = 0`);
    if (ends.length > 0) {
      const bounds = [0, ...ends.map((e) => e.id)];
      const pages: NotifyMessage[] = bounds.map((after, i) => ({ type: "fanout", outboxId, page: { after, upTo: bounds[i + 1] ?? null } }));
      await sendAll(env.NOTIFY_QUEUE, pages);
      await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, outboxId));
      return;
    }
    page = { after: 0, upTo: null };
  }
  const inPage = and(sql`${follows.citizenId} > ${page.after}`, page.upTo === null ? undefined : lte(follows.citizenId, page.upTo));
  await db.run(sql`
    INSERT INTO ${deliveries} (outbox_id, citizen_id, channel, status, attempts, next_attempt_at, created_at, updated_at)
    SELECT ${outboxId}, ${follows.citizenId}, 'miniapp', 'queued', 0, ${now}, ${now}, ${now} FROM ${follows}
    WHERE ${following} AND ${inPage}
    ON CONFLICT (outbox_id, citizen_id) DO NOTHING`);
  const queued = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.outboxId, outboxId),
        eq(deliveries.status, "queued"),
        sql`${deliveries.citizenId} > ${page.after}`,
        page.upTo === null ? undefined : lte(deliveries.citizenId, page.upTo),
      ),
    );
  const messages: NotifyMessage[] = [];
  for (let i = 0; i < queued.length; i += DELIVER_GROUP) {
    messages.push({ type: "deliver", deliveryIds: queued.slice(i, i + DELIVER_GROUP).map((d) => d.id) });
  }
  await sendAll(env.NOTIFY_QUEUE, messages);
  if (!row.fannedOutAt) await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, outboxId));
}

type Claimed = { id: number; outboxId: number; citizenId: number; attempts: number; channel: string };
type Outcome = {
  id: number;
  status: "sent" | "failed_temporary" | "failed_permanent";
  channel: "miniapp" | "zns" | "inbox";
  error: string | null;
  providerMessageId?: string;
  retryAfterSeconds?: number;
  deadLetter?: boolean;
};

export async function deliver(env: Env, db: Db, deliveryIds: number[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const nowIso = new Date().toISOString();
  const claimed = (await db
    .update(deliveries)
    .set({ status: "sending", attempts: sql`${deliveries.attempts} + 1`, updatedAt: nowIso })
    .where(and(inArray(deliveries.id, deliveryIds), inArray(deliveries.status, ["queued", "failed_temporary"])))
    .returning({
      id: deliveries.id,
      outboxId: deliveries.outboxId,
      citizenId: deliveries.citizenId,
      attempts: deliveries.attempts,
      channel: deliveries.channel,
    })) as Claimed[];
  if (claimed.length === 0) return;

  let outcomes: Outcome[];
  try {
    outcomes = await sendClaimed(env, db, claimed);
  } catch (error) {
    // Nothing was sent for a claim we cannot finish: give it back, so a later attempt sends it.
    await db
      .update(deliveries)
      .set({ status: "failed_temporary", lastError: `internal: ${String(error).slice(0, 200)}` })
      .where(
        and(
          inArray(
            deliveries.id,
            claimed.map((c) => c.id),
          ),
          eq(deliveries.status, "sending"),
        ),
      );
    throw error;
  }
  await recordOutcomes(env, db, claimed, outcomes);
}

async function sendClaimed(env: Env, db: Db, claimed: Claimed[]): Promise<Outcome[]> {
  const outboxIds = [...new Set(claimed.map((c) => c.outboxId))];
  const citizenIds = [...new Set(claimed.map((c) => c.citizenId))];
  const [messages, people, open, following] = await db.batch([
    db.select().from(outbox).where(inArray(outbox.id, outboxIds)),
    db
      .select({ id: citizens.id, provinceId: citizens.provinceId, zaloUserId: citizens.zaloUserId, phone: citizens.phoneCiphertext })
      .from(citizens)
      .where(inArray(citizens.id, citizenIds)),
    db
      .select({ citizenId: consents.citizenId, channel: consents.channel })
      .from(consents)
      .where(and(inArray(consents.citizenId, citizenIds), isNull(consents.withdrawnAt))),
    db.select({ citizenId: follows.citizenId, code: follows.dossierCode }).from(follows).where(inArray(follows.citizenId, citizenIds)),
  ]);
  const messageById = new Map(messages.map((m) => [m.id, m]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const consented = new Set(open.map((o) => `${o.citizenId}:${o.channel}`));
  const follower = new Set(following.map((f) => `${f.citizenId}:${f.code}`));
  const apps = new Map<string, Promise<ZaloApp | null>>();
  const appOf = (provinceId: string) => {
    let app = apps.get(provinceId);
    if (!app) apps.set(provinceId, (app = loadZaloApp(db, env.SERVER_SECRET, provinceId)));
    return app;
  };
  const endpoints = zaloEndpoints(env);

  const one = async (c: Claimed): Promise<Outcome> => {
    const message = messageById.get(c.outboxId);
    const person = personById.get(c.citizenId);
    if (!message || !person) return { id: c.id, status: "failed_permanent", channel: "inbox", error: "missing message or citizen" };
    if (needsFollowing(message.kind as MessageKind) && !follower.has(`${c.citizenId}:${message.dossierCode}`)) {
      return { id: c.id, status: "failed_permanent", channel: "inbox", error: "no longer following this dossier" };
    }
    const wantsMiniApp = consented.has(`${c.citizenId}:miniapp`);
    const wantsZns = consented.has(`${c.citizenId}:zns`) && person.phone !== null;
    if (!wantsMiniApp && !wantsZns) return { id: c.id, status: "failed_permanent", channel: "inbox", error: "no consent to be messaged through Zalo" };
    const app = await appOf(message.provinceId);
    if (!app) return { id: c.id, status: "failed_permanent", channel: "inbox", error: "province has no Zalo app configured" };

    const rendered = renderMessage(message.kind as MessageKind, message.params as MessageParams);
    const templateData = { title: rendered.title, content: rendered.body, code: message.dossierCode, buttonText: rendered.buttonText, path: rendered.path };
    const tried: string[] = [];
    // A delivery that already fell back to ZNS keeps to it on retries: the mini app said no for good.
    if (wantsMiniApp && c.channel !== "zns") {
      const templateId = app.templates.miniapp[message.kind];
      const result: SendResult =
        app.miniAppApiKey && templateId
          ? await sendMiniAppNotification(endpoints, { miniAppId: app.miniAppId, apiKey: app.miniAppApiKey }, person.zaloUserId, templateId, templateData)
          : { ok: false, temporary: false, reason: `no mini app ${app.miniAppApiKey ? `template for ${message.kind}` : "API key"}`, notReachable: true };
      if (result.ok) return { id: c.id, status: "sent", channel: "miniapp", error: null, providerMessageId: result.messageId };
      if (result.temporary)
        return { id: c.id, status: "failed_temporary", channel: "miniapp", error: `miniapp: ${result.reason}`, retryAfterSeconds: result.retryAfterSeconds };
      tried.push(`miniapp: ${result.reason}`);
      if (!wantsZns) return { id: c.id, status: "failed_permanent", channel: "miniapp", error: tried.join("; ") };
    }
    const templateId = app.templates.zns[message.kind];
    const phone = person.phone ? await decryptClientSecret(env.SERVER_SECRET, `phone:${person.id}`, person.phone) : null;
    if (!app.oaAccessToken || !templateId || !phone) {
      tried.push(`zns: ${!app.oaAccessToken ? "no OA access token" : !templateId ? `no template for ${message.kind}` : "phone unreadable"}`);
      return { id: c.id, status: "failed_permanent", channel: "zns", error: tried.join("; ") };
    }
    const result = await sendZnsMessage(endpoints, app.oaAccessToken, phone, templateId, templateData, `motcua-${c.id}`);
    if (result.ok) return { id: c.id, status: "sent", channel: "zns", error: tried.length ? tried.join("; ") : null, providerMessageId: result.messageId };
    tried.push(`zns: ${result.reason}`);
    if (result.temporary) return { id: c.id, status: "failed_temporary", channel: "zns", error: tried.join("; "), retryAfterSeconds: result.retryAfterSeconds };
    return { id: c.id, status: "failed_permanent", channel: "zns", error: tried.join("; ") };
  };

  const outcomes: Outcome[] = [];
  for (let i = 0; i < claimed.length; i += SEND_CONCURRENCY) {
    outcomes.push(...(await Promise.all(claimed.slice(i, i + SEND_CONCURRENCY).map(one))));
  }
  return outcomes;
}

async function recordOutcomes(env: Env, db: Db, claimed: Claimed[], outcomes: Outcome[]) {
  const { maxAttempts, retryBaseSeconds } = notifySettings(env);
  const attemptsById = new Map(claimed.map((c) => [c.id, c.attempts]));
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const retries = new Map<number, number[]>();
  const deadLetters: number[] = [];
  const statements: BatchItem<"sqlite">[] = outcomes.map((o) => {
    const attempts = attemptsById.get(o.id) ?? maxAttempts;
    let status = o.status;
    let nextAttemptAt = nowIso;
    let deadLetteredAt: string | null = null;
    let error = o.error;
    if (status === "failed_temporary") {
      if (attempts >= maxAttempts) {
        status = "failed_permanent";
        deadLetteredAt = nowIso;
        error = `gave up after ${attempts} attempts; last: ${o.error}`;
        deadLetters.push(o.id);
      } else {
        const delay = retryDelaySeconds(attempts, retryBaseSeconds, o.retryAfterSeconds);
        nextAttemptAt = new Date(now + delay * 1000).toISOString();
        retries.set(delay, [...(retries.get(delay) ?? []), o.id]);
      }
    }
    return db
      .update(deliveries)
      .set({
        status,
        channel: o.channel,
        lastError: error?.slice(0, 500) ?? null,
        providerMessageId: o.providerMessageId ?? null,
        sentAt: status === "sent" ? nowIso : null,
        deadLetteredAt,
        nextAttemptAt,
        updatedAt: nowIso,
      })
      .where(and(eq(deliveries.id, o.id), eq(deliveries.status, "sending")));
  });
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  for (const [delay, ids] of retries) {
    const messages: NotifyMessage[] = [];
    for (let i = 0; i < ids.length; i += DELIVER_GROUP) messages.push({ type: "deliver", deliveryIds: ids.slice(i, i + DELIVER_GROUP) });
    await sendAll(env.NOTIFY_QUEUE, messages, delay);
  }
  if (deadLetters.length > 0) await sendAll(env.NOTIFY_DLQ, [{ type: "deliver", deliveryIds: deadLetters }]);
}

/**
 * Every few minutes: fan-outs whose dispatch was lost, deliveries whose queue message was lost, and claims left
 * in `sending` by a consumer that died mid-send. The last are sent again (at least once: the message may already
 * have gone out, and a lost one would be worse than a second one), unless they used up their attempts: those are
 * dead-lettered with the outcome unknown.
 */
export async function sweepNotifications(env: Env, db: Db, nowMs: number): Promise<{ fanouts: number; deliveries: number; interrupted: number }> {
  const { maxAttempts } = notifySettings(env);
  const nowIso = new Date(nowMs).toISOString();
  const stale = new Date(nowMs - 10 * 60 * 1000).toISOString();
  const interruptedClaim = and(eq(deliveries.status, "sending"), lte(deliveries.updatedAt, stale));
  const [pendingOutbox, overdueDeliveries, resent, abandoned] = await db.batch([
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(isNull(outbox.fannedOutAt), lte(outbox.createdAt, new Date(nowMs - 2 * 60 * 1000).toISOString())))
      .limit(500),
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(inArray(deliveries.status, ["queued", "failed_temporary"]), lte(deliveries.nextAttemptAt, stale)))
      .limit(2000),
    db
      .update(deliveries)
      .set({ status: "failed_temporary", lastError: "interrupted while sending; sent again", nextAttemptAt: nowIso, updatedAt: nowIso })
      .where(and(interruptedClaim, sql`${deliveries.attempts} < ${maxAttempts}`))
      .returning({ id: deliveries.id }),
    db
      .update(deliveries)
      .set({
        status: "failed_permanent",
        lastError: "interrupted while sending on the last attempt; outcome unknown",
        deadLetteredAt: nowIso,
        updatedAt: nowIso,
      })
      .where(interruptedClaim)
      .returning({ id: deliveries.id }),
  ]);
  await dispatchOutbox(
    env,
    pendingOutbox.map((o) => o.id),
  );
  const ids = [...overdueDeliveries.map((d) => d.id), ...resent.map((d) => d.id)];
  const messages: NotifyMessage[] = [];
  for (let i = 0; i < ids.length; i += DELIVER_GROUP) messages.push({ type: "deliver", deliveryIds: ids.slice(i, i + DELIVER_GROUP) });
  await sendAll(env.NOTIFY_QUEUE, messages);
  if (abandoned.length > 0) await sendAll(env.NOTIFY_DLQ, [{ type: "deliver", deliveryIds: abandoned.map((d) => d.id) }]);
  return { fanouts: pendingOutbox.length, deliveries: ids.length, interrupted: resent.length + abandoned.length };
}
