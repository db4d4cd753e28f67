import type { MessageKind } from "./notifications";

/**
 * The order messages take when Zalo's quotas are short: an emergency alert first, then what a citizen must act on
 * (a supplement, a fee), a result to collect, other news of their dossier, answers to their questions and feedback,
 * and the province's news last. Lower is sooner.
 */
export const PRIORITY = {
  emergency: 0,
  actionNeeded: 1,
  resultReady: 2,
  dossierNews: 3,
  conversation: 4,
  news: 5,
} as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

export function priorityOf(kind: MessageKind): Priority {
  switch (kind) {
    case "alert":
    case "alert_update":
    case "alert_cancel":
      return PRIORITY.emergency;
    case "supplement_requested":
    case "supplement_reminder":
    case "fee_due":
    case "staff_document":
    case "staff_approval":
    case "staff_meeting":
    case "staff_meeting_changed":
    case "staff_reminder":
      return PRIORITY.actionNeeded;
    case "result_ready":
    case "returned":
      return PRIORITY.resultReady;
    case "due_changed":
    case "overdue":
    case "refused":
    case "withdrawn":
    case "stopped":
      return PRIORITY.dossierNews;
    case "question_answered":
    case "feedback_received":
    case "feedback_assigned":
    case "feedback_answered":
    case "feedback_closed":
    case "staff_question":
    case "staff_question_escalated":
      return PRIORITY.conversation;
    case "news":
      return PRIORITY.news;
  }
}
