/**
 * The staff area's inbox of the citizen's voice: questions on dossiers in the officer's care (answer, pass on),
 * feedback assigned to their agency (answer, pass on; the province admin routes new feedback), and the
 * satisfaction figures for their scope.
 */
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValueLoadable } from "recoil";
import { TEXT_LIMITS } from "../../../../worker/src/domain/limits";
import type { Me, StaffFeedback, StaffInbox, StaffQuestion } from "../../api/types";
import { answerFeedback, answerQuestion, assignFeedback, getStaffInbox, reassignQuestion } from "../../api/voice";
import { EmptyState, errorMessage, InlineAlert } from "../../components/Notice";
import { useAction } from "../../components/useAction";
import { formatDateTime } from "../../domain/dates";
import { dossierPath } from "../../domain/dossier-link";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { ratingSummaryState, staffDirectoryState, staffInboxState } from "../../state/voice";
import { awaitsAnswer, FeedbackBody } from "../feedback/FeedbackCard";

type Staff = NonNullable<Me["staff"]>;

/**
 * One list of the inbox with its further pages: the first page comes with the inbox, "Xem thêm" appends the next.
 * A refreshed inbox (after any action) starts again from its first page.
 */
function useInboxList<T extends { id: number }>(inbox: StaffInbox, kind: "questions" | "feedback") {
  const first = inbox[kind] as unknown as T[];
  const [extra, setExtra] = useState<T[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setExtra([]);
    setError(null);
  }, [inbox]);
  const seen = new Set(first.map((x) => x.id));
  const items = [...first, ...extra.filter((x) => !seen.has(x.id))];
  const total = Math.max(inbox.totals[kind], items.length);
  const more = async () => {
    setBusy(true);
    setError(null);
    try {
      const page = await getStaffInbox("open", { kind, offset: items.length });
      setExtra((list) => [...list, ...(page[kind] as unknown as T[])]);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { items, total, more, busy, error };
}

function MoreOf({ list }: { list: ReturnType<typeof useInboxList> }) {
  if (list.items.length >= list.total && !list.error) return null;
  return (
    <div className="stack">
      <p className="muted">{messages.staffVoice.shown(list.items.length, list.total)}</p>
      {list.error ? <InlineAlert tone="error">{errorMessage(list.error)}</InlineAlert> : null}
      <Button fullWidth size="large" variant="tertiary" loading={list.busy} onClick={() => void list.more()}>
        {messages.staffVoice.more(list.total - list.items.length)}
      </Button>
    </div>
  );
}

export function StaffQuestions() {
  const inbox = useOutcome(staffInboxState);
  const list = useInboxList<StaffQuestion>(inbox, "questions");
  return (
    <section className="stack" aria-labelledby="staff-questions">
      <h2 id="staff-questions" className="section-title">
        {messages.staffVoice.questionsTitle}
      </h2>
      {list.items.length === 0 ? (
        <EmptyState>{messages.staffVoice.questionsEmpty}</EmptyState>
      ) : (
        <ul className="stack plain-list">
          {list.items.map((q) => (
            <QuestionItem key={q.id} q={q} />
          ))}
        </ul>
      )}
      <MoreOf list={list} />
    </section>
  );
}

function QuestionItem({ q }: { q: StaffQuestion }) {
  const answer = useAction(messages.staffVoice.answered);
  const pass = useAction(messages.staffVoice.reassigned);
  const directory = useRecoilValueLoadable(staffDirectoryState).valueMaybe();
  const officers = directory?.ok ? directory.value.officers : [];
  const [text, setText] = useState("");
  const [to, setTo] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void answer.run(() => answerQuestion(q.id, text.trim()));
  };
  return (
    <li className="card stack">
      {q.escalated && <p className="badge badge-warning">{messages.staffVoice.escalated}</p>}
      <Link to={dossierPath({ code: q.dossierCode })} className="saved-code">
        {messages.staffVoice.dossier(q.dossierCode)}
      </Link>
      {q.procedureName && <p className="muted">{q.procedureName}</p>}
      <p className="thread-question">{q.text}</p>
      <p className="muted">
        {formatDateTime(q.askedAt)} · {messages.staffVoice.answerBy(formatDateTime(q.escalateAt))}
      </p>
      <form className="stack" onSubmit={submit} noValidate>
        <label className="field-label" htmlFor={`answer-${q.id}`}>
          {messages.staffVoice.answerLabel}
        </label>
        <textarea
          id={`answer-${q.id}`}
          className="text-input text-area"
          rows={3}
          maxLength={TEXT_LIMITS.answer.max}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {answer.notice && <InlineAlert tone={answer.notice.tone}>{answer.notice.text}</InlineAlert>}
        <Button htmlType="submit" fullWidth size="large" loading={answer.busy} disabled={text.trim().length < TEXT_LIMITS.answer.min}>
          {messages.staffVoice.answer}
        </Button>
      </form>
      {officers.length > 1 && (
        <div className="stack">
          <label className="field-label" htmlFor={`reassign-${q.id}`}>
            {messages.staffVoice.reassignLabel}
          </label>
          <select id={`reassign-${q.id}`} className="text-input" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{messages.staffVoice.reassignPick}</option>
            {officers
              .filter((o) => o.id !== q.officer?.id)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                  {o.title ? ` — ${o.title}` : ""}
                </option>
              ))}
          </select>
          {pass.notice && <InlineAlert tone={pass.notice.tone}>{pass.notice.text}</InlineAlert>}
          <Button
            fullWidth
            size="large"
            variant="secondary"
            disabled={!to}
            loading={pass.busy}
            onClick={() => void pass.run(() => reassignQuestion(q.id, { officerId: to }))}
          >
            {messages.staffVoice.reassign}
          </Button>
        </div>
      )}
    </li>
  );
}

export function StaffFeedbackList({ staff }: { staff: Staff }) {
  const inbox = useOutcome(staffInboxState);
  const list = useInboxList<StaffFeedback>(inbox, "feedback");
  return (
    <section className="stack" aria-labelledby="staff-feedback">
      <h2 id="staff-feedback" className="section-title">
        {messages.staffVoice.feedbackTitle}
      </h2>
      {list.items.length === 0 ? (
        <EmptyState>{messages.staffVoice.feedbackEmpty}</EmptyState>
      ) : (
        <ul className="stack plain-list">
          {list.items.map((f) => (
            <FeedbackItem key={f.id} f={f} staff={staff} />
          ))}
        </ul>
      )}
      <MoreOf list={list} />
    </section>
  );
}

function FeedbackItem({ f, staff }: { f: StaffFeedback; staff: Staff }) {
  const answer = useAction(messages.staffVoice.answered);
  const route = useAction(messages.staffVoice.assigned);
  const directory = useRecoilValueLoadable(staffDirectoryState).valueMaybe();
  const agencies = directory?.ok ? directory.value.agencies : [];
  const admin = staff.role === "province_admin";
  const [text, setText] = useState("");
  const [agency, setAgency] = useState("");
  const canAnswer = f.status === "assigned" || admin;
  return (
    <li className="card stack">
      <FeedbackBody f={f} showArea={false} />
      <FeedbackPlace f={f} />
      <p className="muted">{messages.staffVoice.sender(f.senderName, f.anonymous)}</p>
      {awaitsAnswer(f) && <p className="muted">{messages.staffVoice.answerBy(formatDateTime(f.answerDueAt))}</p>}
      {(admin || f.status === "assigned") && (
        <div className="stack">
          <label className="field-label" htmlFor={`assign-${f.id}`}>
            {messages.staffVoice.assignLabel}
          </label>
          <select id={`assign-${f.id}`} className="text-input" value={agency} onChange={(e) => setAgency(e.target.value)}>
            <option value="">{messages.staffVoice.assignPick}</option>
            {agencies
              .filter((a) => a.id !== f.agency?.id)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
          {route.notice && <InlineAlert tone={route.notice.tone}>{route.notice.text}</InlineAlert>}
          <Button
            fullWidth
            size="large"
            variant="secondary"
            disabled={!agency}
            loading={route.busy}
            onClick={() => void route.run(() => assignFeedback(f.id, agency))}
          >
            {messages.staffVoice.assign}
          </Button>
        </div>
      )}
      {canAnswer && (
        <form
          className="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void answer.run(() => answerFeedback(f.id, text.trim()));
          }}
        >
          <label className="field-label" htmlFor={`fb-answer-${f.id}`}>
            {messages.staffVoice.answerLabel}
          </label>
          <textarea
            id={`fb-answer-${f.id}`}
            className="text-input text-area"
            rows={3}
            maxLength={TEXT_LIMITS.answer.max}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {answer.notice && <InlineAlert tone={answer.notice.tone}>{answer.notice.text}</InlineAlert>}
          <Button htmlType="submit" fullWidth size="large" loading={answer.busy} disabled={text.trim().length < TEXT_LIMITS.answer.min}>
            {messages.staffVoice.answer}
          </Button>
        </form>
      )}
    </li>
  );
}

/** Where it is: the commune or ward the citizen named, and the place they shared, with a map to find it. */
function FeedbackPlace({ f }: { f: StaffFeedback }) {
  const t = messages.staffVoice;
  const place = f.place;
  return (
    <div className="feedback-place" role="group" aria-label={t.placeTitle}>
      <p className="field-label">{t.placeTitle}</p>
      {f.district?.name && <p>{t.commune(f.district.name)}</p>}
      {place ? (
        <>
          <p>{t.coordinates(place.lat, place.lng)}</p>
          {place.label && <p>{t.placeLabel(place.label)}</p>}
          <a className="button-link button-link-secondary" href={place.mapUrl} target="_blank" rel="noreferrer">
            {t.openMap}
          </a>
        </>
      ) : (
        <p className="muted">{t.noPlace}</p>
      )}
    </div>
  );
}

export function SatisfactionTable() {
  const summary = useOutcome(ratingSummaryState);
  const t = messages.staffVoice;
  return (
    <section className="card stack" aria-labelledby="staff-ratings">
      <h2 id="staff-ratings" className="card-title">
        {t.ratingsTitle} · {t.ratingsScope[summary.scope]}
      </h2>
      {summary.total.total === 0 ? (
        <p className="muted">{t.ratingsEmpty}</p>
      ) : (
        <table className="figures">
          <thead>
            <tr>
              <th scope="col">{t.ratingsColumns.name}</th>
              <th scope="col">{t.ratingsColumns.total}</th>
              <th scope="col">{t.ratingsColumns.rate}</th>
            </tr>
          </thead>
          <tbody>
            {summary.rows.map((r) => (
              <tr key={r.key ?? "none"}>
                <th scope="row">{r.name ?? r.key ?? "—"}</th>
                <td>{r.total}</td>
                <td>{t.percent(r.satisfactionRate)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.ratingsTotal}</th>
              <td>{summary.total.total}</td>
              <td>{t.percent(summary.total.satisfactionRate)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
