import type { TimelineEntry } from "../../api/types";
import { formatDate } from "../../domain/dates";
import { describeTimelineEntry } from "../../domain/dossier-wording";
import { messages } from "../../messages";

/** The steps the dossier went through, newest first, with the agency's apology when it moved the due date. */
export function Timeline({ entries, status }: { entries: readonly TimelineEntry[]; status: number }) {
  if (entries.length === 0) return null;
  const newestFirst = [...entries].reverse();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="card-title">
        {messages.dossier.timelineTitle}
      </h2>
      <p className="muted">{messages.dossier.timelineHint}</p>
      <ol className="timeline">
        {newestFirst.map((entry, i) => {
          const step = describeTimelineEntry(entry, status);
          return (
            <li key={`${entry.type}-${entry.at}-${i}`} className={`timeline-step tone-${step.tone}`}>
              <span className="timeline-dot" aria-hidden="true" />
              <p className="timeline-date">{formatDate(entry.at)}</p>
              <p className="timeline-title">{step.title}</p>
              {step.lines.map((line) => (
                <p key={line} className="timeline-line">
                  {line}
                </p>
              ))}
              {step.note && <p className="timeline-line">{step.note}</p>}
              {step.apology && (
                <blockquote className="apology">
                  <p className="apology-title">{messages.timeline.apologyTitle}</p>
                  <p>{step.apology}</p>
                </blockquote>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
