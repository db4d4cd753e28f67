import { compareEvents, type DossierState, type StoredEvent } from "./dossier-state";
import { renderStaffNotice, type StaffNoticeParams } from "./staff-notice-messages";
import { STATUS } from "./status";
import { vnDaysBetween, vnDisplayDate } from "./time";

/** What a citizen can be told about a dossier they follow. */
export const MESSAGE_KINDS = [
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
  // One citizen's, not every follower's: an answer to their question, their feedback's progress.
  "question_answered",
  "feedback_received",
  "feedback_assigned",
  "feedback_answered",
  "feedback_closed",
  // To officers (their linked Zalo accounts): a new question for them, one escalated to a department head.
  "staff_question",
  "staff_question_escalated",
  // Officials' notices from the province's document and scheduling systems (domain/staff-notice-messages.ts).
  "staff_document",
  "staff_approval",
  "staff_meeting",
  "staff_meeting_changed",
  "staff_reminder",
  // The province's broadcasts, to citizens who chose a commune: an emergency alert (CAP), its update, its end; news.
  "alert",
  "alert_update",
  "alert_cancel",
  "news",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Everything a message needs, fixed when it is decided: rendering later never reads the dossier again. */
export type MessageParams = {
  code: string;
  documents?: string[];
  deadline?: string;
  amountVnd?: number | null;
  note?: string;
  earlyDays?: number;
  dueAt?: string;
  previousDueAt?: string;
  reason?: string;
  /** Feedback messages: `code` is the feedback's reference (PA-000012), `feedbackId` opens it. */
  feedbackId?: number;
  agencyName?: string | null;
  officerName?: string | null;
  /** The start of a question, quoted to the officer. */
  excerpt?: string;
  /** The procedure's short name, so a message says what it is about without opening it. */
  procedure?: string | null;
  /** Where the message sends the citizen: to pick up, to bring documents, to pay, to ask, or the competent agency. */
  place?: MessagePlace | null;
  /** Alerts: `code` is the CAP identifier; the row to open, and what to say. */
  alertId?: number;
  headline?: string;
  instruction?: string | null;
  severity?: string;
  /** News: `code` is the post's id. */
  newsId?: string;
  title?: string;
  summary?: string;
} & StaffNoticeParams;

export type MessagePlace = { name: string; address: string | null; phone: string | null };

/** Reference data a dossier's messages mention: read once per batch of events, never by the renderer. */
export type MessageContext = { procedure: string | null; agency: MessagePlace | null; competentAgency: MessagePlace | null };

/** The place a message of this kind sends the citizen to, if any. */
function placeFor(kind: MessageKind, context: MessageContext): MessagePlace | null {
  switch (kind) {
    case "supplement_requested":
    case "supplement_reminder":
    case "fee_due":
    case "result_ready":
    case "stopped":
    case "overdue":
      return context.agency;
    case "refused":
      return context.competentAgency;
    default:
      return null;
  }
}

/** A planned message's params with the procedure's name and its place, fixed when the message is decided. */
export function withContext(kind: MessageKind, params: MessageParams, context: MessageContext | undefined): MessageParams {
  if (!context) return params;
  const place = placeFor(kind, context);
  return { ...params, ...(context.procedure ? { procedure: context.procedure } : {}), ...(place ? { place } : {}) };
}

/** Messages that are about something other than a followed dossier: whoever they are for need not follow it. */
export function needsFollowing(kind: MessageKind): boolean {
  return !kind.startsWith("feedback_") && !kind.startsWith("staff_") && !isBroadcastKind(kind);
}

/** Messages to an audience of communes' subscribers, not to a dossier's followers or one person. */
export function isBroadcastKind(kind: MessageKind): boolean {
  return kind === "alert" || kind === "alert_update" || kind === "alert_cancel" || kind === "news";
}

export type PlannedMessage = { eventId: string; kind: MessageKind; params: MessageParams };

/** Events older than this when they reach us are history being synced, not news: nobody is messaged about them. */
export const NEWS_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const STATUS_SETTING = new Set<StoredEvent["type"]>([
  "dossier.received",
  "dossier.status_changed",
  "dossier.supplement_requested",
  "dossier.fee_requested",
  "dossier.result_ready",
  "dossier.returned",
  "dossier.refused",
  "dossier.withdrawn",
  "dossier.stopped",
]);

/**
 * Which of the events just applied to a dossier deserve a message. An event is news only if nothing that arrived
 * before it, but happened after it, has already overtaken it: a supplement request that reaches us after the
 * result was ready tells the citizen nothing true. At most one status message per dossier per batch: the latest.
 */
export function plannedMessages(
  code: string,
  allEvents: readonly StoredEvent[],
  added: readonly StoredEvent[],
  state: DossierState,
  nowMs: number,
): PlannedMessage[] {
  const ordered = [...allEvents].sort(compareEvents);
  const addedIds = new Set(added.map((e) => e.eventId));
  const out: PlannedMessage[] = [];
  ordered.forEach((event, i) => {
    if (!addedIds.has(event.eventId)) return;
    if (nowMs - Date.parse(event.occurredAt) > NEWS_WINDOW_MS) return;
    const later = ordered.slice(i + 1);
    if (event.type === "dossier.due_changed") {
      const overtaken = later.some(
        (e) => e.type === "dossier.due_changed" || (STATUS_SETTING.has(e.type) && e.type !== "dossier.received" && closesDossier(e)),
      );
      if (overtaken || closedStatus(state.status)) return;
      const entry = state.timeline.find((t) => t.type === "dossier.due_changed" && t.at === event.occurredAt && t.dueAt === event.payload.dueAt);
      out.push({
        eventId: event.eventId,
        kind: "due_changed",
        params: { code, dueAt: event.payload.dueAt, previousDueAt: entry?.previousDueAt, reason: event.payload.reason },
      });
      return;
    }
    if (later.some((e) => STATUS_SETTING.has(e.type))) return;
    const message = statusMessage(code, event, state);
    if (message) out.push(message);
  });
  return out;
}

function closesDossier(event: StoredEvent): boolean {
  switch (event.type) {
    case "dossier.result_ready":
    case "dossier.returned":
    case "dossier.refused":
    case "dossier.withdrawn":
    case "dossier.stopped":
      return true;
    case "dossier.status_changed":
      return closedStatus(event.payload.status ?? 0);
    default:
      return false;
  }
}

function closedStatus(status: number): boolean {
  return status === 3 || status === 7 || status === 8 || status === 9 || status === 10;
}

function statusMessage(code: string, event: StoredEvent, state: DossierState): PlannedMessage | null {
  const p = event.payload;
  const message = (kind: MessageKind, params: Omit<MessageParams, "code"> = {}): PlannedMessage => ({
    eventId: event.eventId,
    kind,
    params: { code, ...params },
  });
  const resultReady = () => {
    const early = state.completedAt ? vnDaysBetween(state.completedAt, state.dueAt) : 0;
    return message("result_ready", early > 0 ? { earlyDays: early } : {});
  };
  const note = p.note ? { note: p.note } : {};
  switch (event.type) {
    case "dossier.supplement_requested":
      return message("supplement_requested", { documents: p.documents ?? [], deadline: p.deadline, ...note });
    case "dossier.fee_requested":
      return message("fee_due", { amountVnd: p.amountVnd ?? null, ...(p.deadline ? { deadline: p.deadline } : {}), ...note });
    case "dossier.result_ready":
      return resultReady();
    case "dossier.returned":
      return message("returned");
    case "dossier.refused":
      return message("refused", { reason: p.reason });
    case "dossier.withdrawn":
      return message("withdrawn", { reason: p.reason });
    case "dossier.stopped":
      return message("stopped", { reason: p.reason });
    case "dossier.status_changed":
      switch (p.status) {
        case STATUS.SUPPLEMENT_REQUESTED:
          return message("supplement_requested", { documents: state.missingDocuments ?? [], deadline: state.supplementDeadline ?? undefined, ...note });
        case STATUS.FEE_DUE:
          return message("fee_due", { amountVnd: state.feeVnd, ...(state.feeDeadline ? { deadline: state.feeDeadline } : {}), ...note });
        case STATUS.RESULT_READY:
          return resultReady();
        case STATUS.RETURNED:
          return message("returned");
        case STATUS.REFUSED:
          return message("refused", { reason: p.note });
        case STATUS.WITHDRAWN:
          return message("withdrawn", { reason: p.note });
        case STATUS.STOPPED:
          return message("stopped", { reason: p.note });
        default:
          return null;
      }
    default:
      return null;
  }
}

export type RenderedMessage = { title: string; body: string; buttonText: string; path: string };

const vnd = (amount: number) => `${amount.toLocaleString("vi-VN").replace(/,/g, ".")} đồng`;
/** "Trung tâm …, Số 28 Đại lộ Lê Lợi (ĐT 0237 3 727 888)" */
const placeText = (place: MessagePlace) => `${place.name}${place.address ? `, ${place.address}` : ""}${place.phone ? ` (ĐT ${place.phone})` : ""}`;
const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The message in plain Vietnamese, as it appears in Zalo and in the in-app inbox, with the button to the dossier. */
export function renderMessage(kind: MessageKind, p: MessageParams): RenderedMessage {
  const path = kind.startsWith("feedback_")
    ? `/feedback/item?id=${p.feedbackId}`
    : kind.startsWith("alert")
      ? `/alert?id=${p.alertId}`
      : kind === "news"
        ? `/news/item?id=${encodeURIComponent(p.newsId ?? p.code)}`
        : kind.startsWith("staff_")
          ? "/staff"
          : kind === "returned"
            ? `/rate?code=${encodeURIComponent(p.code)}`
            : `/dossier?code=${encodeURIComponent(p.code)}`;
  const docs = (p.documents ?? []).join("; ");
  // "Hồ sơ 000.00.06.H56-261120-0392 (Đăng ký kết hôn)": which dossier, and what it is about.
  const dossier = `${p.code}${p.procedure ? ` (${p.procedure})` : ""}`;
  const at = (label: string) => (p.place ? ` ${label}: ${placeText(p.place)}.` : "");
  const note = p.note ? ` Ghi chú của cán bộ: ${sentence(p.note)}` : "";
  const reason = p.reason ? ` Lý do: ${sentence(p.reason)}` : "";
  const done = (title: string, body: string, buttonText = "Xem hồ sơ"): RenderedMessage => ({ title, body, buttonText, path });
  switch (kind) {
    case "supplement_requested":
      return done(
        "Hồ sơ cần bổ sung giấy tờ",
        `Hồ sơ ${dossier} cần bổ sung${docs ? `: ${docs}` : " giấy tờ"}.` +
          (p.deadline ? ` Hạn nộp bổ sung: ${vnDisplayDate(p.deadline)}.` : "") +
          at("Nơi nộp") +
          note,
      );
    case "supplement_reminder":
      return done(
        "Ngày mai là hạn bổ sung giấy tờ",
        `Hồ sơ ${dossier}: hạn nộp bổ sung là ngày mai, ${vnDisplayDate(p.deadline!)}.${docs ? ` Cần nộp: ${docs}.` : ""}${at("Nơi nộp")} Nếu đã nộp, ông/bà vui lòng bỏ qua tin này.`,
      );
    case "fee_due":
      return done(
        "Hồ sơ cần nộp phí, lệ phí",
        `Hồ sơ ${dossier}: vui lòng nộp ${p.amountVnd ? vnd(p.amountVnd) : "phí, lệ phí theo thông báo"} để cơ quan tiếp tục xử lý.` +
          (p.deadline ? ` Hạn nộp: ${vnDisplayDate(p.deadline)}.` : "") +
          at("Nộp tại") +
          " Mở hồ sơ để xem các cách nộp." +
          note,
      );
    case "result_ready":
      return done(
        "Đã có kết quả — mời đến nhận",
        `Hồ sơ ${dossier} đã có kết quả${p.earlyDays ? `, sớm hơn hẹn ${p.earlyDays} ngày` : ""}.` +
          (p.place
            ? ` Mời ông/bà mang giấy hẹn và căn cước đến nhận tại ${placeText(p.place)}.`
            : " Mời ông/bà mang giấy hẹn đến nơi nộp hồ sơ để nhận kết quả."),
      );
    case "due_changed":
      return done(
        "Hồ sơ được hẹn lại ngày trả kết quả",
        `${p.reason ? `${sentence(p.reason)} ` : ""}Ngày hẹn trả mới của hồ sơ ${dossier}: ${vnDisplayDate(p.dueAt!)}` +
          (p.previousDueAt ? ` (hẹn cũ: ${vnDisplayDate(p.previousDueAt)}).` : ".") +
          " Chúng tôi thành thật xin lỗi ông/bà vì sự chậm trễ.",
      );
    case "overdue":
      return done(
        "Hồ sơ đã quá ngày hẹn trả",
        `Hồ sơ ${dossier} chưa có kết quả dù đã qua ngày hẹn ${vnDisplayDate(p.dueAt!)}. Chúng tôi thành thật xin lỗi ông/bà. ` +
          "Cơ quan xử lý sẽ gửi phiếu xin lỗi và hẹn ngày trả mới; ông/bà sẽ được báo ngay khi có." +
          (p.place?.phone ? ` Cần hỏi thêm, ông/bà gọi ${p.place.name}: ${p.place.phone}.` : ""),
      );
    case "refused":
      return done(
        "Hồ sơ không được tiếp nhận",
        `Hồ sơ ${dossier} không được tiếp nhận.${reason}${p.place ? ` Nơi có thẩm quyền giải quyết: ${placeText(p.place)}.` : ""}`,
      );
    case "withdrawn":
      return done("Hồ sơ đã được rút", `Hồ sơ ${dossier} đã được rút theo yêu cầu của ông/bà.${reason}`);
    case "stopped":
      return done("Hồ sơ bị dừng xử lý", `Hồ sơ ${dossier} đã bị dừng xử lý.${reason}${at("Liên hệ")}`);
    case "returned":
      return done(
        "Đã trả kết quả — mời đánh giá",
        `Hồ sơ ${dossier} đã trả kết quả. Xin ông/bà dành một phút đánh giá mức độ hài lòng, để chúng tôi phục vụ tốt hơn.`,
        "Đánh giá",
      );
    case "question_answered":
      return done(
        "Cán bộ đã trả lời câu hỏi của ông/bà",
        `Câu hỏi về hồ sơ ${p.code} đã được ${p.officerName ? `cán bộ ${p.officerName} ` : ""}trả lời. Mở hồ sơ để xem câu trả lời.`,
        "Xem trả lời",
      );
    case "feedback_received":
      return done(
        "Đã tiếp nhận phản ánh, kiến nghị",
        `Phản ánh ${p.code} của ông/bà đã được tiếp nhận. Chúng tôi sẽ chuyển đến cơ quan có thẩm quyền và báo lại ông/bà.`,
        "Xem phản ánh",
      );
    case "feedback_assigned":
      return done(
        "Phản ánh đã được chuyển xử lý",
        `Phản ánh ${p.code} đã được chuyển đến ${p.agencyName ?? "cơ quan có thẩm quyền"} để xem xét, giải quyết.`,
        "Xem phản ánh",
      );
    case "feedback_answered":
      return done(
        "Phản ánh đã có trả lời",
        `${p.agencyName ?? "Cơ quan có thẩm quyền"} đã trả lời phản ánh ${p.code}. Nếu vấn đề chưa được giải quyết, ông/bà có thể gửi lại trong 7 ngày.`,
        "Xem trả lời",
      );
    case "feedback_closed":
      return done("Phản ánh đã kết thúc", `Phản ánh ${p.code} đã kết thúc. Cảm ơn ông/bà đã đóng góp ý kiến.`, "Xem phản ánh");
    case "staff_question":
      return done("Công dân hỏi về hồ sơ", `Có câu hỏi mới về hồ sơ ${p.code}: “${p.excerpt ?? ""}”. Vui lòng trả lời trong 2 ngày làm việc.`, "Trả lời");
    case "alert":
      return done(
        `Cảnh báo: ${p.headline ?? ""}`.trim(),
        p.instruction ? sentence(p.instruction) : `${sentence(p.headline ?? "")} Mở để xem hướng dẫn.`,
        "Xem cảnh báo",
      );
    case "alert_update":
      return done(
        `Cập nhật cảnh báo: ${p.headline ?? ""}`.trim(),
        p.instruction ? sentence(p.instruction) : `${sentence(p.headline ?? "")} Mở để xem hướng dẫn.`,
        "Xem cảnh báo",
      );
    case "alert_cancel":
      return done(
        "Cảnh báo đã kết thúc",
        `${p.headline ? `${sentence(p.headline)} ` : ""}Nguy hiểm đã qua. Ông/bà theo dõi thông báo tiếp theo của chính quyền.`,
        "Xem",
      );
    case "news":
      return done(p.title ?? "Tin mới của tỉnh", p.summary ?? "", "Đọc tin");
    case "staff_question_escalated":
      return done(
        "Câu hỏi quá hạn trả lời",
        `Câu hỏi của công dân về hồ sơ ${p.code} chưa được trả lời sau 2 ngày làm việc và đã chuyển đến ông/bà.`,
        "Xem câu hỏi",
      );
    case "staff_document":
    case "staff_approval":
    case "staff_meeting":
    case "staff_meeting_changed":
    case "staff_reminder":
      return renderStaffNotice(kind, p);
  }
}
