/** One feedback as citizens see it: what was reported, where, the photos, and the agency's answer. */
import type { PublicFeedback } from "../../api/types";
import { formatDate, formatDateTime } from "../../domain/dates";
import { messages } from "../../messages";

/** With the agency, no answer yet: when it is due is worth saying. */
export const awaitsAnswer = (f: Pick<PublicFeedback, "status">) => f.status === "received" || f.status === "assigned";

/** `showArea` false: the caller shows the commune and the place itself (the staff area, with the map). */
export function FeedbackBody({ f, showSender = false, showArea = true }: { f: PublicFeedback; showSender?: boolean; showArea?: boolean }) {
  return (
    <>
      <p className="muted">
        {messages.feedback.reference(f.reference)} · {f.category.label} · {messages.feedback.sentOn(formatDate(f.createdAt))}
      </p>
      <p className={`badge-status status-${f.status}`}>{f.statusLabel}</p>
      <p className="feedback-text">{f.text}</p>
      {showArea && (f.district?.name || f.place?.label) && <p className="muted">{[f.place?.label, f.district?.name].filter(Boolean).join(", ")}</p>}
      {showSender && <p className="muted">{f.senderName ? messages.feedback.sender(f.senderName) : messages.feedback.anonymousSender}</p>}
      {f.photos.length > 0 && (
        <div className="photo-row">
          {f.photos.map((p, i) => (
            <a key={p.url} href={p.url} target="_blank" rel="noreferrer">
              <img src={p.url} alt={messages.feedback.photo(i + 1)} className="photo-thumb" loading="lazy" />
            </a>
          ))}
        </div>
      )}
      {f.agency?.name && <p>{messages.feedback.agency(f.agency.name)}</p>}
      {f.answer && (
        <div className="thread-answer">
          <h3 className="field-label">{messages.feedback.answerTitle}</h3>
          <p>{f.answer.text}</p>
          <p className="muted">{messages.feedback.answeredBy(f.answer.officerName, formatDateTime(f.answer.at))}</p>
        </div>
      )}
    </>
  );
}
