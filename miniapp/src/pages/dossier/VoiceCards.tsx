/**
 * On an owner's view: the invitation to rate once the result is ready but not yet picked up (status 9; once
 * returned it sits at the top of the page, RatingPrompt), and for a followed dossier, questions to the handling
 * officer with their answers. Loaded on demand: the dossier page shows without waiting for it.
 */
import { Suspense, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValueLoadable } from "recoil";
import { TEXT_LIMITS } from "../../../../worker/src/domain/limits";
import { ask } from "../../api/voice";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { EmptyState, InlineAlert } from "../../components/Notice";
import { useAction } from "../../components/useAction";
import { formatDateTime } from "../../domain/dates";
import { messages } from "../../messages";
import { useOutcome } from "../../state";
import { isFollowedState } from "../../state/account";
import { questionThreadState } from "../../state/voice";
import { RatingCard } from "../rate/RatingCard";
import { useHeldToken } from "../rate/proof";

export default function VoiceCards({ code, status }: { code: string; status: number }) {
  const followed = useRecoilValueLoadable(isFollowedState(code)).valueMaybe() ?? null;
  const token = useHeldToken(code);
  return (
    <>
      {status === 9 && <RatingCard code={code} token={token} />}
      {followed === null ? null : !followed ? (
        <p className="muted">{messages.questions.followFirst}</p>
      ) : (
        <ErrorBoundary fallback={() => null}>
          <Suspense fallback={null}>
            <QuestionsCard code={code} />
          </Suspense>
        </ErrorBoundary>
      )}
    </>
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
          maxLength={TEXT_LIMITS.question.max}
          placeholder={messages.questions.placeholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {sending.notice && <InlineAlert tone={sending.notice.tone}>{sending.notice.text}</InlineAlert>}
        <Button htmlType="submit" fullWidth size="large" loading={sending.busy} disabled={text.trim().length < TEXT_LIMITS.question.min}>
          {messages.questions.send}
        </Button>
      </form>
    </section>
  );
}
