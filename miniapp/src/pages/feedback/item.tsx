/**
 * /feedback/item?id=… — one of the citizen's feedback: its status and history, the answer and whether the citizen
 * is satisfied with it (asked once), and, within 7 days of an answer, "solved" (close) or "not solved, send again"
 * (reopen with a reason).
 */
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValue, useSetRecoilState } from "recoil";
import { TEXT_LIMITS } from "../../../../worker/src/domain/limits";
import type { Feedback } from "../../api/types";
import { closeFeedback, reopenFeedback } from "../../api/voice";
import { ErrorState, errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { formatDate, formatDateTime } from "../../domain/dates";
import { messages } from "../../messages";
import { locationState, useOutcome } from "../../state";
import { accountVersionState } from "../../state/account";
import { oneFeedbackState } from "../../state/voice";
import { AnswerSatisfaction } from "./AnswerSatisfaction";
import { awaitsAnswer, FeedbackBody } from "./FeedbackCard";

export default function FeedbackItemPage() {
  const { search } = useRecoilValue(locationState);
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const id = Number(params.get("id"));
  return (
    <Page title={messages.feedback.title}>
      {Number.isInteger(id) && id > 0 ? (
        <SignedIn>
          <Item id={id} justSent={params.get("sent") === "1"} />
        </SignedIn>
      ) : (
        <ErrorState message={messages.feedback.notFound} />
      )}
    </Page>
  );
}

function Item({ id, justSent }: { id: number; justSent: boolean }) {
  const f = useOutcome(oneFeedbackState(id));
  return (
    <div className="stack">
      {justSent && <InlineAlert tone="success">{messages.feedback.sent(f.reference, formatDate(f.answerDueAt))}</InlineAlert>}
      <section className="card stack">
        <FeedbackBody f={f} showSender={!f.anonymous} />
        {awaitsAnswer(f) && !justSent && <p>{messages.feedback.answerDue(formatDate(f.answerDueAt))}</p>}
      </section>
      {f.answer && <AnswerSatisfaction f={f} />}
      {f.status === "answered" && <Decide f={f} />}
      {f.status === "closed" && <p className="muted">{messages.feedback.closedNote}</p>}
      <section className="card" aria-labelledby="fb-history">
        <h2 id="fb-history" className="card-title">
          {messages.feedback.history}
        </h2>
        <ol className="timeline-list">
          {f.history.map((h, i) => (
            <li key={i}>
              <strong>{messages.feedback.historyStatus[h.status] ?? h.status}</strong> · {formatDateTime(h.at)}
              {h.note && <p className="muted">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Decide({ f }: { f: Feedback }) {
  const bump = useSetRecoilState(accountVersionState);
  const [reason, setReason] = useState("");
  const [reopening, setReopening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      bump((n) => n + 1);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const reopen = (event: FormEvent) => {
    event.preventDefault();
    void act(() => reopenFeedback(f.id, reason.trim()));
  };
  return (
    <section className="card stack">
      {f.reopenUntil && f.canReopen && <p className="muted">{messages.feedback.reopenUntil(formatDate(f.reopenUntil))}</p>}
      <Button fullWidth size="large" loading={busy && !reopening} onClick={() => void act(() => closeFeedback(f.id))}>
        {messages.feedback.solved}
      </Button>
      {f.canReopen &&
        (reopening ? (
          <form className="stack" onSubmit={reopen} noValidate>
            <label className="field-label" htmlFor="fb-reopen">
              {messages.feedback.reopenLabel}
            </label>
            <textarea
              id="fb-reopen"
              className="text-input text-area"
              rows={3}
              maxLength={TEXT_LIMITS.reopenReason.max}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button htmlType="submit" fullWidth size="large" variant="secondary" loading={busy}>
              {messages.feedback.reopenSubmit}
            </Button>
          </form>
        ) : (
          <Button fullWidth size="large" variant="secondary" onClick={() => setReopening(true)}>
            {messages.feedback.notSolved}
          </Button>
        ))}
      {error && <InlineAlert>{error}</InlineAlert>}
    </section>
  );
}
