// What a dossier brings into its province's database over its life, for the capacity bench: from each generated
// dossier (bench/lib/dossiers.mjs, its timeline) the events the one-stop system sent, the messages they caused
// (outbox) and their deliveries to followers, the follows, the citizens and their consents, ratings and questions,
// shaped as the worker writes them (services/stored-event.ts, ingest-write.ts, notify.ts, notify-cron.ts). The
// proportions are assumptions, stated here and printed by the bench (ASSUMPTIONS).
import { randomUUID } from "node:crypto";

import { seededRandom } from "../../scripts/demo/people.ts";

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/** The assumed proportions: what share of dossiers brings each kind of row. */
export const ASSUMPTIONS = {
  /** Dossiers someone follows in Zalo (the slip's QR invites it); the rest are only looked up, which writes nothing. */
  followedShare: 0.4,
  /** Of those, followed by a second person too (a relative). */
  secondFollowerShare: 0.1,
  /** Follows per citizen account: people come back with another dossier. */
  followsPerCitizen: 1.5,
  /** Citizens who also agreed to ZNS by phone (their phone kept encrypted, a second consent row). */
  znsShare: 0.3,
  /** Completed dossiers (result ready or returned) whose satisfaction survey is answered; with a comment. */
  ratedShare: 0.2,
  commentShare: 0.15,
  /** Followed dossiers whose follower asks a question (answered, mostly). */
  questionShare: 0.03,
  /** Deliveries read in the in-app inbox. */
  readShare: 0.6,
};

const ASSUMPTION_TEXT = [
  "events: one per timeline entry the one-stop system sends (received, assigned, status changes, supplement, fee, due change, result, return…), as stored: payload without the ID number, names added",
  "messages: one outbox row per event worth telling (supplement, fee, result, due change, refusal, withdrawal, stop, return), for every dossier; plus a supplement reminder and an overdue notice for followed dossiers that had them",
  `follows: ${ASSUMPTIONS.followedShare * 100}% of dossiers followed, ${ASSUMPTIONS.secondFollowerShare * 100}% of those by two people; ${ASSUMPTIONS.followsPerCitizen} follows per citizen account`,
  `deliveries: one per message and follower (85% sent, 10% in-app only, 3% folded, 2% failed), ${ASSUMPTIONS.readShare * 100}% read`,
  `consents: one per citizen (Mini App), a second for the ${ASSUMPTIONS.znsShare * 100}% who agreed to ZNS`,
  `ratings: ${ASSUMPTIONS.ratedShare * 100}% of completed dossiers, ${ASSUMPTIONS.commentShare * 100}% of them with a comment; questions: ${ASSUMPTIONS.questionShare * 100}% of followed dossiers`,
  "figures: the counters the real rebuild writes (per day and month, agency, department, procedure)",
  "throttles: one day's counters of lookups and last-4 attempts (they live for their window only)",
];
export const ASSUMPTION_LINES = ASSUMPTION_TEXT;

export const KEY_ID = "ik_7f3a91c2d4e5b6a8";
const APP_ID = "5550000000000000001";

const EVENT_MESSAGE = {
  "dossier.supplement_requested": "supplement_requested",
  "dossier.fee_requested": "fee_due",
  "dossier.result_ready": "result_ready",
  "dossier.due_changed": "due_changed",
  "dossier.refused": "refused",
  "dossier.withdrawn": "withdrawn",
  "dossier.stopped": "stopped",
  "dossier.returned": "returned",
};

const COMMENTS = [
  "Cán bộ hướng dẫn tận tình, hồ sơ được trả đúng hẹn. Cảm ơn Trung tâm.",
  "Thời gian chờ ở quầy hơi lâu, đề nghị bố trí thêm cán bộ vào buổi sáng.",
  "Thủ tục nhanh gọn, được nhắn tin báo kết quả qua Zalo rất tiện.",
];
const QUESTION = "Cho tôi hỏi hồ sơ của tôi đã được chuyển sang phòng chuyên môn chưa, tôi có cần bổ sung thêm giấy tờ gì không ạ?";
const ANSWER =
  "Hồ sơ của ông/bà đã được chuyển đến phòng chuyên môn và đang được thẩm định. Hiện chưa cần bổ sung giấy tờ; nếu cần, cơ quan sẽ thông báo qua Zalo.";
const WORDING = "Tôi đồng ý nhận thông báo về tình trạng hồ sơ mà tôi theo dõi qua Zalo. Tôi có thể tắt bất cứ lúc nào trong mục Dữ liệu của tôi.";

const iso = (ms) => new Date(Math.round(ms)).toISOString();
const plus = (at, ms) => iso(Date.parse(at) + ms);
const vnMonth = (at) => new Date(Date.parse(at) + VN_OFFSET_MS).toISOString().slice(0, 7);
const vnDay = (at) => new Date(Date.parse(at) + VN_OFFSET_MS).toISOString().slice(0, 10);

/** The event as stored: services/stored-event.ts toStored, with withNames' department and officer names. */
function eventPayload(entry, row) {
  switch (entry.type) {
    case "dossier.received":
      return {
        agencyId: row.agency_id,
        procedureCode: row.procedure_code,
        applicantName: row.applicant_name,
        applicantFactorHash: row.applicant_factor_hash,
        receivedAt: entry.at,
        dueAt: entry.dueAt,
      };
    case "dossier.assigned":
      return { departmentId: entry.departmentId, officerId: entry.officerId, departmentName: entry.departmentName, officerName: entry.officerName };
    case "dossier.status_changed":
      return { status: entry.status };
    case "dossier.supplement_requested":
      return { documents: entry.documents, deadline: entry.deadline, note: entry.note };
    case "dossier.fee_requested":
      return { amountVnd: entry.amountVnd, note: entry.note };
    case "dossier.due_changed":
      return { dueAt: entry.dueAt, reason: entry.note };
    case "dossier.refused":
    case "dossier.withdrawn":
    case "dossier.stopped":
      return { reason: entry.note };
    default:
      return {};
  }
}

/** The message's params as withContext leaves them: the news, the procedure's name and the desk to go to. */
function messageParams(kind, entry, row, context) {
  const base = { code: row.code, procedure: context.procedure };
  const place = context.place;
  switch (kind) {
    case "supplement_requested":
      return { ...base, documents: entry.documents, deadline: entry.deadline, note: entry.note, place };
    case "fee_due":
      return { ...base, amountVnd: entry.amountVnd, note: entry.note, place };
    case "result_ready":
      return { ...base, earlyDays: 2, place };
    case "due_changed":
      return { ...base, dueAt: entry.dueAt, previousDueAt: entry.previousDueAt, reason: entry.note };
    case "refused":
    case "withdrawn":
      return { ...base, reason: entry.note };
    case "stopped":
      return { ...base, reason: entry.note, place };
    default:
      return base;
  }
}

/**
 * A generator of the rows that come with dossiers, chunk after chunk: citizens are shared across chunks (a citizen
 * follows dossiers filed months apart), ids are assigned here so deliveries can name their messages.
 */
export function companionRows({ ref, nowMs, seed = 20261204 }) {
  const rng = seededRandom(seed);
  const procedureName = new Map(ref.procedures.map((p) => [p.code, p.name]));
  const place = new Map(ref.agencies.map((a) => [a.id, { name: a.name, address: a.address, phone: a.phone }]));
  const recentCitizens = [];
  let citizenId = 0;
  let outboxId = 0;
  let consentId = 0;

  const newCitizen = (at, out) => {
    const id = ++citizenId;
    const zns = rng() < ASSUMPTIONS.znsShare;
    out.citizens.push({
      id,
      province_id: ref.province.id,
      app_id: APP_ID,
      zalo_user_id: String(3_000_000_000_000_000_000n + BigInt(Math.floor(rng() * 1e15))),
      phone_ciphertext: zns
        ? Buffer.from(randomUUID() + randomUUID())
            .toString("base64")
            .slice(0, 52)
        : null,
      phone_verified_at: zns ? at : null,
      last_seen_at: plus(at, 20 * DAY_MS),
      miniapp_day: vnDay(plus(at, 20 * DAY_MS)),
      miniapp_count: 1,
      created_at: at,
      updated_at: plus(at, 20 * DAY_MS),
    });
    out.consents.push({
      id: ++consentId,
      citizen_id: id,
      channel: "miniapp",
      purpose: "dossier_updates",
      wording: WORDING,
      granted_at: at,
      withdrawn_at: null,
    });
    if (zns)
      out.consents.push({ id: ++consentId, citizen_id: id, channel: "zns", purpose: "dossier_updates", wording: WORDING, granted_at: at, withdrawn_at: null });
    recentCitizens.push(id);
    if (recentCitizens.length > 2000) recentCitizens.shift();
    return id;
  };
  const follower = (at, out) =>
    recentCitizens.length > 0 && rng() > 1 / ASSUMPTIONS.followsPerCitizen ? recentCitizens[Math.floor(rng() * recentCitizens.length)] : newCitizen(at, out);

  /** The rows that come with `dossiers` (generated rows; `changed_at` and timestamps are set on them here). */
  return function rowsFor(dossiers) {
    const out = { events: [], outbox: [], deliveries: [], follows: [], citizens: [], consents: [], ratings: [], questions: [] };
    for (const row of dossiers) {
      const timeline = JSON.parse(row.timeline);
      const last = timeline[timeline.length - 1].at;
      Object.assign(row, { changed_at: last, created_at: row.received_at, updated_at: last });
      const context = { procedure: procedureName.get(row.procedure_code), place: place.get(row.agency_id) };

      const followers = [];
      if (rng() < ASSUMPTIONS.followedShare) {
        const at = plus(row.received_at, (0.2 + rng() * 4) * 3_600_000);
        followers.push(follower(at, out));
        if (rng() < ASSUMPTIONS.secondFollowerShare) {
          const second = follower(plus(at, DAY_MS), out);
          if (second !== followers[0]) followers.push(second);
        }
        for (const [i, citizen] of followers.entries()) {
          out.follows.push({ citizen_id: citizen, dossier_code: row.code, province_id: row.province_id, proof: i === 0 ? "slip" : "view", created_at: at });
        }
      }

      const messages = [];
      for (const entry of timeline) {
        const eventId = randomUUID();
        out.events.push({
          client_id: KEY_ID,
          event_id: eventId,
          province_id: row.province_id,
          dossier_code: row.code,
          type: entry.type,
          occurred_at: entry.at,
          payload: JSON.stringify(eventPayload(entry, row)),
          received_at: plus(entry.at, 1500 + rng() * 60_000),
        });
        const kind = EVENT_MESSAGE[entry.type];
        if (kind) messages.push({ key: `event:${KEY_ID}:${eventId}`, kind, at: plus(entry.at, 3000), params: messageParams(kind, entry, row, context) });
      }
      if (followers.length > 0) {
        const supplement = timeline.find((e) => e.type === "dossier.supplement_requested");
        if (supplement) {
          messages.push({
            key: `reminder:${row.code}:${supplement.deadline}`,
            kind: "supplement_reminder",
            at: plus(supplement.deadline, -DAY_MS),
            params: { code: row.code, deadline: supplement.deadline, documents: supplement.documents, procedure: context.procedure, place: context.place },
          });
        }
        const doneAt = row.completed_at ? Date.parse(row.completed_at) : [3, 7, 8].includes(row.status) ? 0 : nowMs;
        if (Date.parse(row.due_at) + DAY_MS < doneAt) {
          messages.push({
            key: `overdue:${row.code}:${row.due_at}`,
            kind: "overdue",
            at: plus(row.due_at, DAY_MS),
            params: { code: row.code, dueAt: row.due_at, procedure: context.procedure, place: context.place },
          });
        }
      }
      for (const m of messages) {
        const id = ++outboxId;
        const at = iso(Math.min(Date.parse(m.at), nowMs - 1000));
        out.outbox.push({
          id,
          dedupe_key: m.key,
          province_id: row.province_id,
          dossier_code: row.code,
          kind: m.kind,
          params: JSON.stringify(m.params),
          created_at: at,
          fanned_out_at: plus(at, 800),
        });
        for (const citizen of followers) out.deliveries.push(delivery(rng, id, citizen, at));
      }

      if ((row.status === 9 || row.status === 10) && rng() < ASSUMPTIONS.ratedShare) {
        const at = iso(Math.min(Date.parse(row.returned_at ?? row.completed_at) + rng() * 3 * DAY_MS, nowMs - 1000));
        out.ratings.push({
          dossier_code: row.code,
          province_id: row.province_id,
          citizen_id: followers[0] ?? null,
          proof: followers.length > 0 ? "follow" : "slip",
          agency_id: row.agency_id,
          department_id: row.department_id,
          officer_id: row.officer_id,
          month: vnMonth(at),
          time_vs_limit: "on_time",
          extra_visits: "0",
          agencies_count: "1",
          publicly_posted: "yes",
          attitude: "courteous",
          convenience: "convenient",
          overall: rng() < 0.85 ? "satisfied" : "dissatisfied",
          comment: rng() < ASSUMPTIONS.commentShare ? COMMENTS[Math.floor(rng() * COMMENTS.length)] : null,
          created_at: at,
        });
      }
      if (followers.length > 0 && rng() < ASSUMPTIONS.questionShare) {
        const at = plus(row.received_at, 2 * DAY_MS);
        const answered = rng() < 0.9;
        out.questions.push({
          province_id: row.province_id,
          dossier_code: row.code,
          citizen_id: followers[0],
          text: QUESTION,
          officer_id: row.officer_id,
          department_id: row.department_id,
          status: answered ? "answered" : "open",
          escalate_at: plus(at, 2 * DAY_MS),
          escalated_at: null,
          answer: answered ? ANSWER : null,
          answered_at: answered ? plus(at, DAY_MS) : null,
          answered_by: answered ? row.officer_id : null,
          created_at: at,
          updated_at: answered ? plus(at, DAY_MS) : at,
        });
      }
    }
    return out;
  };
}

function delivery(rng, outboxId, citizenId, at) {
  const r = rng();
  const status = r < 0.85 ? "sent" : r < 0.95 ? "in_app" : r < 0.98 ? "folded" : "failed_permanent";
  const channel = status === "sent" && r > 0.75 ? "zns" : status === "in_app" ? "inbox" : "miniapp";
  const sentAt = status === "sent" ? plus(at, 2000) : null;
  return {
    outbox_id: outboxId,
    citizen_id: citizenId,
    channel,
    status,
    attempts: status === "failed_permanent" ? 5 : 1,
    next_attempt_at: at,
    last_error: status === "failed_permanent" ? "Zalo -201: user not found or blocked the app" : null,
    provider_message_id: sentAt ? randomUUID().replaceAll("-", "") : null,
    sent_at: sentAt,
    dead_lettered_at: status === "failed_permanent" ? plus(at, 3_600_000) : null,
    read_at: rng() < ASSUMPTIONS.readShare ? plus(at, 7_200_000) : null,
    priority: 3,
    reason: status === "in_app" ? "inactive" : null,
    broadcast_id: null,
    created_at: at,
    updated_at: sentAt ?? at,
  };
}

/** One day's throttle counters (lookups of unknown codes, last-4 attempts) for `perDay` dossiers filed a day, all
 * past their windows at `nowMs`. */
export function throttleRows(perDay, nowMs) {
  const start = Math.floor(nowMs / 1000) - 2 * 86_400;
  return Array.from({ length: Math.max(1, Math.round(perDay * 3)) }, (_, i) => ({
    key: `${["factor-client", "factor-code-client", "unknown-code"][i % 3]}:2402:800:${(i * 7919).toString(16)}:${(i * 104729).toString(16)}::/64`,
    window_start: start + (i % 86_400),
    count: 1 + (i % 4),
  }));
}
