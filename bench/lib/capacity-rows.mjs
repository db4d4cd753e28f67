// What a dossier brings into its province's database over its life, for the capacity bench. The history comes from
// the bench's generator (bench/lib/dossiers.mjs: each dossier's timeline); the rows are made by the worker's own
// code, as ingestion makes them: each timeline entry sent as the integration API's event, stored by toStored and
// withNames (services/stored-event.ts), the dossier row folded from the events (domain/dossier-state.ts), the
// messages each arriving event causes (domain/notifications.ts plannedMessages, withContext). Around them, what the
// citizens do: follows, their accounts and consents, deliveries of the messages, ratings, questions, shaped as
// the worker writes them (notify.ts, notify-cron.ts, ratings.ts, questions.ts). The proportions of those are
// assumptions, stated here and printed by the bench (ASSUMPTION_LINES).
import { randomUUID } from "node:crypto";
import { seededRandom } from "../../scripts/demo/people.ts";
import { foldDossierEvents } from "../../worker/src/domain/dossier-state.ts";
import { plannedMessages, withContext } from "../../worker/src/domain/notifications.ts";
import { toStored, withNames } from "../../worker/src/services/stored-event.ts";

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
  "events: one per entry of the generated timeline (received, assigned, status changes, supplement, fee, due change, result, return…), sent one by one as they happen, with ids like evt-2026-000123 (the API's example); stored and folded by the worker's own code",
  "messages: the outbox rows the worker's plannedMessages writes as each event arrives (for every dossier, followed or not), plus a supplement reminder and an overdue notice for followed dossiers that had them (notify-cron)",
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

/** A timeline entry of the generator as the one-stop system sends it: the integration API's event (schemas/events.ts). */
function integrationEvent(entry, row, id, idNumber) {
  const base = { id, type: entry.type, occurredAt: entry.at, dossierCode: row.code };
  switch (entry.type) {
    case "dossier.received":
      return {
        ...base,
        agencyId: row.agency_id,
        procedureCode: row.procedure_code,
        applicant: { name: row.applicant_name, idNumber },
        receivedAt: entry.at,
        dueAt: entry.dueAt,
      };
    case "dossier.assigned":
      return { ...base, departmentId: entry.departmentId, officerId: entry.officerId };
    case "dossier.status_changed":
      return { ...base, status: entry.status };
    case "dossier.supplement_requested":
      return { ...base, documents: entry.documents, deadline: entry.deadline, note: entry.note };
    case "dossier.fee_requested":
      return { ...base, amountVnd: entry.amountVnd, note: entry.note };
    case "dossier.due_changed":
      return { ...base, dueAt: entry.dueAt, reason: entry.note };
    case "dossier.refused":
    case "dossier.withdrawn":
    case "dossier.stopped":
      return { ...base, reason: entry.note };
    default:
      return base;
  }
}

/** The dossier row ingestion writes: the folded state, its version the number of events folded. */
function dossierRow(code, provinceId, state, version) {
  return {
    code,
    province_id: provinceId,
    agency_id: state.agencyId,
    procedure_code: state.procedureCode,
    applicant_name: state.applicantName,
    applicant_factor_hash: state.applicantFactorHash,
    status: state.status,
    status_note: state.statusNote,
    received_at: state.receivedAt,
    due_at: state.dueAt,
    completed_at: state.completedAt,
    returned_at: state.returnedAt,
    department_id: state.departmentId,
    officer_id: state.officerId,
    missing_documents: state.missingDocuments ? JSON.stringify(state.missingDocuments) : null,
    supplement_deadline: state.supplementDeadline,
    fee_vnd: state.feeVnd,
    fee_note: state.feeNote,
    fee_deadline: state.feeDeadline,
    payment_url: state.paymentUrl,
    competent_agency_id: state.competentAgencyId,
    changed_at: state.changedAt,
    timeline: JSON.stringify(state.timeline),
    version,
    created_at: state.receivedAt,
    updated_at: state.changedAt,
  };
}

/**
 * A generator of the rows that come with dossiers, chunk after chunk: citizens are shared across chunks (a citizen
 * follows dossiers filed months apart), ids are assigned here so deliveries can name their messages.
 */
export function companionRows({ ref, nowMs, serverSecret, seed = 20261204 }) {
  const rng = seededRandom(seed);
  const procedureName = new Map(ref.procedures.map((p) => [p.code, p.short_name ?? p.name]));
  const departmentName = new Map(ref.departments.map((d) => [d.id, d.name]));
  const officerName = new Map(ref.officers.map((o) => [o.id, o.display_name]));
  let eventNo = 0;
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
      zalo_user_id: String(3_000_000_000_000_000_000n + BigInt(id) * 1_000_003n + BigInt(Math.floor(rng() * 1e6))),
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
  const contextFor = (state) => ({
    procedure: procedureName.get(state.procedureCode) ?? null,
    agency: place.get(state.agencyId) ?? null,
    competentAgency: state.competentAgencyId ? (place.get(state.competentAgencyId) ?? null) : null,
  });
  const follower = (at, out) =>
    recentCitizens.length > 0 && rng() > 1 / ASSUMPTIONS.followsPerCitizen ? recentCitizens[Math.floor(rng() * recentCitizens.length)] : newCitizen(at, out);

  /**
   * The rows that come with `generated` dossiers: the dossier rows as ingestion writes them (`dossiers`), their
   * events and messages, and what citizens add. `mismatched` counts dossiers whose folded status is not the one
   * the generator meant (none expected: the check that the history was sent as the generator wrote it).
   */
  return async function rowsFor(generated) {
    const out = { dossiers: [], events: [], outbox: [], deliveries: [], follows: [], citizens: [], consents: [], ratings: [], questions: [], mismatched: 0 };
    for (const generatedRow of generated) {
      const timeline = JSON.parse(generatedRow.timeline);
      const idNumber = `0380${String(Math.floor(rng() * 1e8)).padStart(8, "0")}`;
      // Sent one by one as they happen: each arrival stores the event, refolds the dossier and plans its messages.
      const stored = [];
      const messages = [];
      let state = null;
      for (const entry of timeline) {
        const event = integrationEvent(entry, generatedRow, `evt-2026-${String(++eventNo).padStart(9, "0")}`, idNumber);
        const one = withNames(await toStored(event, generatedRow.code, serverSecret), departmentName, officerName);
        stored.push(one);
        state = foldDossierEvents(stored);
        const arrivedMs = Date.parse(entry.at) + 1500 + rng() * 60_000;
        out.events.push({
          client_id: KEY_ID,
          event_id: one.eventId,
          province_id: generatedRow.province_id,
          dossier_code: generatedRow.code,
          type: one.type,
          occurred_at: one.occurredAt,
          payload: JSON.stringify(one.payload),
          received_at: iso(arrivedMs),
        });
        for (const m of plannedMessages(generatedRow.code, stored, [one], state, arrivedMs)) {
          messages.push({
            key: `event:${KEY_ID}:${m.eventId}`,
            kind: m.kind,
            at: iso(arrivedMs + 200),
            params: withContext(m.kind, m.params, contextFor(state)),
          });
        }
      }
      const row = dossierRow(generatedRow.code, generatedRow.province_id, state, stored.length);
      if (row.status !== generatedRow.status) out.mismatched++;
      out.dossiers.push(row);
      const context = { procedure: procedureName.get(row.procedure_code) ?? null, place: place.get(row.agency_id) ?? null };

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
