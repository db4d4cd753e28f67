/**
 * On a followed dossier: the satisfaction survey once the result is ready, and questions to the handling officer
 * with their answers. Loaded on demand: the dossier page shows without waiting for it.
 */
import { Suspense, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValueLoadable } from "recoil";
import { ask } from "../../api/voice";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { EmptyState, InlineAlert } from "../../components/Notice";
import { useAction } from "../../components/useAction";
import { formatDateTime } from "../../domain/dates";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { isFollowedState } from "../../state/account";
import { questionThreadState, ratingFormState } from "../../state/voice";

export default function VoiceCards({ code, status }: { code: string; status: number }) {
  const followed = useRecoilValueLoadable(isFollowedState(code)).valueMaybe() ?? null;
  if (followed === null) return null;
  if (!followed) return <p className="muted">{messages.questions.followFirst}</p>;
  return (
    <ErrorBoundary fallback={() => null}>
      <Suspense fallback={null}>
        {(status === 9 || status === 10) && <RatingCard code={code} />}
        <QuestionsCard code={code} />
      </Suspense>
    </ErrorBoundary>
  );
}

function RatingCard({ code }: { code: string }) {
  const form = useOutcome(ratingFormState(code));
  return (
    <section className="card" aria-labelledby="rating-card-title">
      <h2 id="rating-card-title" className="card-title">
        {messages.rating.cardTitle}
      </h2>
      {form.rating ? (
        <p>{messages.rating.done}</p>
      ) : (
        <>
          <p>{messages.rating.cardBody}</p>
          <Link to={`/rate?code=${encodeURIComponent(code)}`} className="button-link">
            {messages.rating.open}
          </Link>
        </>
      )}
    </section>
  );
}

function QuestionsCard({ code }: { code: string }) {
  const thread = useOutcome(questionThreadState(code));
  const [text, setText] = useState("");
  const sending = useAction(messages.questions.sent);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void sending.run(async () => {
      await ask(code, text.trim());
      setText("");
    });
  };
  return (
    <section className="card stack" aria-labelledby="questions-title">
      <h2 id="questions-title" className="card-title">
        {messages.questions.title}
      </h2>
      <p className="muted">{messages.questions.intro}</p>
      {thread.questions.length === 0 ? (
        <EmptyState>{messages.questions.empty}</EmptyState>
      ) : (
        <ol className="thread">
          {thread.questions.map((q) => (
            <li key={q.id} className="thread-item">
              <p className="thread-question">{q.text}</p>
              <p className="muted">{messages.questions.asked(formatDateTime(q.askedAt))}</p>
              {q.answer ? (
                <div className="thread-answer">
                  <p>{q.answer.text}</p>
                  <p className="muted">{messages.questions.answeredBy(q.answer.officerName, formatDateTime(q.answer.at))}</p>
                </div>
              ) : (
                <p className="muted">{messages.questions.waiting}</p>
              )}
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={submit} className="stack" noValidate>
        <label className="field-label" htmlFor="question-text">
          {messages.questions.label}
        </label>
        <textarea
          id="question-text"
          className="text-input text-area"
          rows={3}
          maxLength={1000}
          placeholder={messages.questions.placeholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {sending.notice && <InlineAlert tone={sending.notice.tone}>{sending.notice.text}</InlineAlert>}
        <Button htmlType="submit" fullWidth size="large" loading={sending.busy} disabled={text.trim().length < 5}>
          {messages.questions.send}
        </Button>
      </form>
    </section>
  );
}
