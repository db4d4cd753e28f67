/**
 * One `deliver` message: a handful of delivery ids, each claimed (queued/failed_temporary → sending, in one UPDATE,
 * so only one consumer ever handles it), planned within Zalo's quotas (domain/delivery-plan), the quota claimed
 * atomically (services/delivery-quota), sent through Zalo, and its outcome recorded with the broadcast's counters
 * in one db.batch. A person's other deferred messages of the same or lower priority ride along as digest lines.
 */
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { citizens, consents, deliveries, deliverySettings, follows, outbox, quotaUsage } from "../db/schema";
import { capFor, type DeliveryLimits, vnDayKey } from "../domain/delivery-limits";
import { type DeliveryPlan, planDelivery } from "../domain/delivery-plan";
import type { Priority } from "../domain/delivery-priority";
import { type MessageKind, type MessageParams, needsFollowing, renderMessage } from "../domain/notifications";
import type { Db, Env } from "../env";
import { decryptClientSecret } from "../security/client-secrets";
import { loadZaloApp, type ZaloApp } from "../zalo/apps";
import { type SendResult, sendMiniAppNotification, sendZnsMessage, zaloEndpoints } from "../zalo/client";
import { type ConnectionPool, connectionPool } from "../zalo/connections";
import { limitsFromRows } from "./delivery-settings";
import { claimQuota, claimUserSlots, returnQuota } from "./delivery-quota";
import { recordOutcomes } from "./notify-outcomes";

/**
 * What the deliveries of one consumer invocation share: its six connections to Zalo, and each province's Zalo app
 * opened once (its secrets held in memory only while the invocation runs).
 */
export type DeliverShared = { pool: ConnectionPool; apps: Map<string, Promise<ZaloApp | null>> };
export const deliverShared = (): DeliverShared => ({ pool: connectionPool(), apps: new Map() });

export type Claimed = { id: number; outboxId: number; citizenId: number; attempts: number; channel: string; priority: number; broadcastId: number | null };
export type Outcome = {
  id: number;
  status: "sent" | "failed_temporary" | "failed_permanent" | "deferred" | "in_app" | "folded";
  channel: "miniapp" | "zns" | "inbox";
  error: string | null;
  reason?: string | null;
  until?: number;
  providerMessageId?: string;
  retryAfterSeconds?: number;
  /** Deferred deliveries of the same person that went out as digest lines of this one. */
  folded?: number[];
};

/** `atMs`: the clock to plan by when later than now (the sweeper's time; in production the same as now). */
export async function deliver(env: Env, db: Db, deliveryIds: number[], atMs?: number, shared: DeliverShared = deliverShared()): Promise<void> {
  if (deliveryIds.length === 0) return;
  const nowMs = Math.max(Date.now(), atMs ?? 0);
  const nowIso = new Date(nowMs).toISOString();
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
      priority: deliveries.priority,
      broadcastId: deliveries.broadcastId,
    })) as Claimed[];
  await deliverClaimed(env, db, claimed, nowMs, shared);
}

/** Deliveries already claimed (status `sending`, this attempt counted): planned, sent and recorded. */
export async function deliverClaimed(env: Env, db: Db, claimed: Claimed[], nowMs: number, shared: DeliverShared): Promise<void> {
  if (claimed.length === 0) return;
  // The most important first: it carries the same person's lesser messages as digest lines.
  claimed.sort((a, b) => a.priority - b.priority || a.id - b.id);

  let outcomes: Outcome[];
  try {
    outcomes = await sendClaimed(env, db, claimed, nowMs, shared);
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
  await recordOutcomes(env, db, claimed, outcomes, nowMs);
}

type Person = {
  id: number;
  provinceId: string;
  zaloUserId: string;
  phone: string | null;
  lastSeenAt: string;
  miniappDay: string | null;
  miniappCount: number;
};
type Pending = { id: number; citizenId: number; priority: number; kind: string; params: unknown };

async function sendClaimed(env: Env, db: Db, claimed: Claimed[], nowMs: number, shared: DeliverShared): Promise<Outcome[]> {
  const day = vnDayKey(nowMs);
  const outboxIds = [...new Set(claimed.map((c) => c.outboxId))];
  const citizenIds = [...new Set(claimed.map((c) => c.citizenId))];
  const claimedIds = claimed.map((c) => c.id);
  // The provinces of these messages are their recipients' (a citizen belongs to one province's app).
  const provincesOf = db.select({ p: citizens.provinceId }).from(citizens).where(inArray(citizens.id, citizenIds));
  const [messages, people, open, following, pending, settingRows, usageRows] = await db.batch([
    db.select().from(outbox).where(inArray(outbox.id, outboxIds)),
    db
      .select({
        id: citizens.id,
        provinceId: citizens.provinceId,
        zaloUserId: citizens.zaloUserId,
        phone: citizens.phoneCiphertext,
        lastSeenAt: citizens.lastSeenAt,
        miniappDay: citizens.miniappDay,
        miniappCount: citizens.miniappCount,
      })
      .from(citizens)
      .where(inArray(citizens.id, citizenIds)),
    db
      .select({ citizenId: consents.citizenId, channel: consents.channel })
      .from(consents)
      .where(and(inArray(consents.citizenId, citizenIds), isNull(consents.withdrawnAt))),
    db.select({ citizenId: follows.citizenId, code: follows.dossierCode }).from(follows).where(inArray(follows.citizenId, citizenIds)),
    // What could fold into a message to these people: their deferred deliveries, never alerts.
    db
      .select({ id: deliveries.id, citizenId: deliveries.citizenId, priority: deliveries.priority, kind: outbox.kind, params: outbox.params })
      .from(deliveries)
      .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
      // By person (the + keeps SQLite on the citizen index, not on every deferred row of the status index).
      .where(and(inArray(deliveries.citizenId, citizenIds), sql`+${deliveries.status} = 'deferred'`, gt(deliveries.priority, 0)))
      .orderBy(deliveries.priority, deliveries.id)
      .limit(200),
    db.select().from(deliverySettings).where(inArray(deliverySettings.provinceId, provincesOf)),
    db
      .select({ provinceId: quotaUsage.provinceId, channel: quotaUsage.channel, used: quotaUsage.used })
      .from(quotaUsage)
      .where(and(eq(quotaUsage.day, day), inArray(quotaUsage.provinceId, provincesOf))),
  ]);
  const messageById = new Map(messages.map((m) => [m.id, m]));
  type Message = (typeof messages)[number];
  const personById = new Map((people as Person[]).map((p) => [p.id, p]));
  const consented = new Set(open.map((o) => `${o.citizenId}:${o.channel}`));
  const follower = new Set(following.map((f) => `${f.citizenId}:${f.code}`));
  const limitsByProvince = limitsFromRows(settingRows, [...new Set(messages.map((m) => m.provinceId))]);
  const appOf = (provinceId: string) => {
    let app = shared.apps.get(provinceId);
    if (!app) shared.apps.set(provinceId, (app = loadZaloApp(db, env.SERVER_SECRET, provinceId)));
    return app;
  };
  const { pool } = shared;
  const endpoints = zaloEndpoints(env);

  // 1. Who can be sent anything at all, and the plan for each with today's counts as read.
  const outcomes = new Map<number, Outcome>();
  type Live = { c: Claimed; provinceId: string; limits: DeliveryLimits; person: Person; znsReachable: boolean; plan: DeliveryPlan };
  const live: Live[] = [];
  const usage = new Map([...limitsByProvince.keys()].map((p) => [p, { miniapp: 0, zns: 0 }]));
  for (const r of usageRows) {
    const u = usage.get(r.provinceId);
    if (u && (r.channel === "miniapp" || r.channel === "zns")) u[r.channel] = r.used;
  }
  const planned = new Set<number>();
  // A retry after a temporary Mini App failure already holds the slot and the count its first attempt claimed.
  const holdsSlot = (c: Claimed) => c.attempts > 1 && c.channel === "miniapp";
  const plan = (l: Omit<Live, "plan">, over: { miniappFull?: boolean; znsFull?: boolean; userFull?: boolean } = {}): DeliveryPlan => {
    const priority = l.c.priority as Priority;
    const used = usage.get(l.provinceId) ?? { miniapp: 0, zns: 0 };
    const count = l.person.miniappDay === day ? l.person.miniappCount : 0;
    return planDelivery({
      priority,
      nowMs,
      limits: l.limits,
      person: {
        miniappConsent: consented.has(`${l.c.citizenId}:miniapp`) && l.c.channel !== "zns",
        lastSeenAt: l.person.lastSeenAt,
        // A second message to the same person in this group waits: one slot each.
        miniappCountToday: over.userFull || planned.has(l.c.citizenId) ? l.limits.miniappPerUserDaily : holdsSlot(l.c) ? 0 : count,
        znsReachable: l.znsReachable,
      },
      caps: {
        miniappLeft: !over.miniappFull && (holdsSlot(l.c) || used.miniapp < capFor(l.limits.miniappDailyCap, priority)),
        znsLeft: !over.znsFull && used.zns < capFor(l.limits.znsDailyQuota, priority),
      },
    });
  };
  for (const c of claimed) {
    const message = messageById.get(c.outboxId);
    const person = personById.get(c.citizenId);
    if (!message || !person) {
      outcomes.set(c.id, { id: c.id, status: "failed_permanent", channel: "inbox", error: "missing message or citizen" });
      continue;
    }
    if (needsFollowing(message.kind as MessageKind) && !follower.has(`${c.citizenId}:${message.dossierCode}`)) {
      outcomes.set(c.id, { id: c.id, status: "failed_permanent", channel: "inbox", error: "no longer following this dossier" });
      continue;
    }
    const limits = limitsByProvince.get(message.provinceId) as DeliveryLimits;
    const base = { c, provinceId: message.provinceId, limits, person, znsReachable: consented.has(`${c.citizenId}:zns`) && person.phone !== null };
    const p = plan(base);
    if (p.action === "miniapp") planned.add(c.citizenId);
    live.push({ ...base, plan: p });
  }

  // 2. Claims, per (province, priority) as a block: the app-wide count, then (Mini App) each person's daily slot.
  const claimEach = async (channel: "miniapp" | "zns", capOf: (l: DeliveryLimits) => number, then: (group: Live[], granted: number) => Promise<void>) => {
    for (const group of groupBy(
      live.filter((l) => l.plan.action === channel && !(channel === "miniapp" && holdsSlot(l.c))),
      (l) => `${l.provinceId}|${l.c.priority}`,
    )) {
      const { provinceId, limits, c } = group[0] as Live;
      await then(group, await claimQuota(db, { provinceId, channel, day, wanted: group.length, cap: capFor(capOf(limits), c.priority as Priority) }));
    }
  };
  await claimEach(
    "miniapp",
    (l) => l.miniappDailyCap,
    async (group, granted) => {
      const { provinceId, limits } = group[0] as Live;
      const slots = await claimUserSlots(
        db,
        group.slice(0, granted).map((l) => l.c.citizenId),
        day,
        limits.miniappPerUserDaily,
      );
      let unused = 0;
      for (const [i, l] of group.entries()) {
        if (i >= granted) l.plan = plan(l, { miniappFull: true });
        else if (!slots.has(l.c.citizenId)) {
          unused++;
          l.plan = plan(l, { userFull: true });
        }
      }
      await returnQuota(db, { provinceId, channel: "miniapp", day, units: unused });
    },
  );
  // Then ZNS, for what the Mini App could not take.
  await claimEach(
    "zns",
    (l) => l.znsDailyQuota,
    async (group, granted) => {
      for (const [i, l] of group.entries()) if (i >= granted) l.plan = plan(l, { userFull: true, miniappFull: true, znsFull: true });
    },
  );

  // 3. Send what goes now; the rest is recorded as planned.
  const pendingOf = groupMap(pending as Pending[], (p) => p.citizenId);
  // Another message to the same person in this group that would wait rides along with the one that goes (never
  // into or as an alert).
  const carriers = new Map<number, Live>();
  const riders = new Map<number, Live[]>();
  const sending: Live[] = [];
  for (const l of live) {
    const carrier = carriers.get(l.c.citizenId);
    if (carrier && l.plan.action === "defer" && l.c.priority > 0 && carrier.c.priority > 0 && l.c.priority >= carrier.c.priority) {
      riders.set(carrier.c.id, [...(riders.get(carrier.c.id) ?? []), l]);
      continue;
    }
    if (!carrier && (l.plan.action === "miniapp" || l.plan.action === "zns")) carriers.set(l.c.citizenId, l);
    sending.push(l);
  }
  const one = async (l: Live): Promise<Outcome> => {
    const { c, plan: p } = l;
    if (p.action === "defer") return { id: c.id, status: "deferred", channel: "inbox", error: null, reason: p.reason, until: p.until };
    if (p.action === "in_app") return { id: c.id, status: "in_app", channel: "inbox", error: null, reason: p.reason };
    const message = messageById.get(c.outboxId) as (typeof messages)[number];
    const app = await appOf(l.provinceId);
    if (!app) return { id: c.id, status: "failed_permanent", channel: "inbox", error: "province has no Zalo app configured" };
    const folded =
      c.priority === 0
        ? []
        : [
            ...(riders.get(c.id) ?? []).map((r) => ({
              id: r.c.id,
              kind: (messageById.get(r.c.outboxId) as Message).kind,
              params: (messageById.get(r.c.outboxId) as Message).params,
            })),
            ...(pendingOf.get(c.citizenId) ?? []).filter((d) => d.priority >= c.priority && !claimedIds.includes(d.id)),
          ];
    const rendered = renderMessage(message.kind as MessageKind, message.params as MessageParams);
    const digest = folded.map((d) => `• ${renderMessage(d.kind as MessageKind, d.params as MessageParams).title}`).join("\n");
    const templateData = {
      title: rendered.title,
      content: rendered.body,
      code: message.dossierCode,
      buttonText: rendered.buttonText,
      path: rendered.path,
      ...(digest ? { digest } : {}),
    };
    const foldedIds = folded.map((d) => d.id);
    const tried: string[] = [];
    if (p.action === "miniapp") {
      const templateId = app.templates.miniapp[message.kind];
      const result: SendResult =
        app.miniAppApiKey && templateId
          ? await pool(() =>
              sendMiniAppNotification(
                endpoints,
                { miniAppId: app.miniAppId, apiKey: app.miniAppApiKey as string },
                l.person.zaloUserId,
                templateId,
                templateData,
              ),
            )
          : { ok: false, temporary: false, reason: `no mini app ${app.miniAppApiKey ? `template for ${message.kind}` : "API key"}`, notReachable: true };
      if (result.ok) return { id: c.id, status: "sent", channel: "miniapp", error: null, providerMessageId: result.messageId, folded: foldedIds };
      if (result.temporary)
        return { id: c.id, status: "failed_temporary", channel: "miniapp", error: `miniapp: ${result.reason}`, retryAfterSeconds: result.retryAfterSeconds };
      tried.push(`miniapp: ${result.reason}`);
      // The mini app said no for good: ZNS if they agreed to it and the OA's quota has room for one more.
      const cap = capFor(l.limits.znsDailyQuota, c.priority as Priority);
      if (!l.znsReachable || (await claimQuota(db, { provinceId: l.provinceId, channel: "zns", day: vnDayKey(nowMs), wanted: 1, cap })) === 0) {
        return { id: c.id, status: "failed_permanent", channel: "miniapp", error: tried.join("; "), reason: l.znsReachable ? "zns_quota" : null };
      }
    }
    const templateId = app.templates.zns[message.kind];
    const phone = l.person.phone ? await decryptClientSecret(env.SERVER_SECRET, `phone:${l.person.id}`, l.person.phone) : null;
    const reason = p.action === "zns" ? p.reason : null;
    if (!app.oaAccessToken || !templateId || !phone) {
      tried.push(`zns: ${!app.oaAccessToken ? "no OA access token" : !templateId ? `no template for ${message.kind}` : "phone unreadable"}`);
      return { id: c.id, status: "failed_permanent", channel: "zns", error: tried.join("; "), reason };
    }
    const token = app.oaAccessToken;
    const result = await pool(() => sendZnsMessage(endpoints, token, phone, templateId, templateData, `motcua-${c.id}`));
    if (result.ok)
      return {
        id: c.id,
        status: "sent",
        channel: "zns",
        error: tried.length ? tried.join("; ") : null,
        reason,
        providerMessageId: result.messageId,
        folded: foldedIds,
      };
    tried.push(`zns: ${result.reason}`);
    if (result.temporary)
      return { id: c.id, status: "failed_temporary", channel: "zns", error: tried.join("; "), retryAfterSeconds: result.retryAfterSeconds, reason };
    return { id: c.id, status: "failed_permanent", channel: "zns", error: tried.join("; "), reason };
  };

  // Every send at once, through the invocation's connections; then, in order, a deferred delivery folds into one
  // message only.
  const taken = new Set<number>();
  for (const outcome of await Promise.all(sending.map(one))) {
    if (outcome.folded) outcome.folded = outcome.folded.filter((id) => !taken.has(id) && taken.add(id));
    outcomes.set(outcome.id, outcome);
    // Riders went as its digest lines if it was sent; otherwise each keeps its own plan.
    for (const r of riders.get(outcome.id) ?? []) {
      const rode = outcome.status === "sent" && outcome.folded?.includes(r.c.id);
      const p = r.plan as Extract<DeliveryPlan, { action: "defer" }>;
      outcomes.set(
        r.c.id,
        rode
          ? { id: r.c.id, status: "folded", channel: "inbox", error: null, reason: `digest:${outcome.id}` }
          : { id: r.c.id, status: "deferred", channel: "inbox", error: null, reason: p.reason, until: p.until },
      );
    }
  }
  if (outcomes.size < claimed.length) for (const l of live) if (!outcomes.has(l.c.id)) outcomes.set(l.c.id, await one(l));
  return claimed.map((c) => outcomes.get(c.id) as Outcome);
}

function groupMap<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
const groupBy = <T>(items: T[], key: (t: T) => string): T[][] => [...groupMap(items, key).values()];
