/**
 * The survey: one radio group per question the server asks, what the system already knows shown rather than
 * asked, and an optional comment. Sending with questions unanswered marks each of them (visible words and
 * aria-invalid), says how many are left, and moves focus to the first one.
 */
import { useRef, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { TEXT_LIMITS } from "../../../../worker/src/domain/limits";
import { ApiError } from "../../api/client";
import type { Rating, RatingForm } from "../../api/types";
import { rate, rateAsOwner, type AskedAnswers } from "../../api/voice";
import { Fact } from "../../components/Fact";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { messages } from "../../messages";
import { accountVersionState } from "../../state/account";

const m = messages.rating;

export function SurveyForm({
  code,
  token,
  form,
  onDone,
  onTokenRefused,
}: {
  code: string;
  /** The slip or view token to rate with; null: the signed-in follower rates. */
  token: string | null;
  form: RatingForm;
  onDone: (rating: Rating) => void;
  onTokenRefused: (token: string, message: string) => void;
}) {
  const bump = useSetRecoilState(accountVersionState);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [comment, setComment] = useState("");
  const [checked, setChecked] = useState(false);
  /** A question the server found wrong (it names the field), until it is answered again. */
  const [serverMarked, setServerMarked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = useRef(new Map<string, HTMLFieldSetElement>());

  const unanswered = form.questions.filter((q) => !answers[q.id]).map((q) => q.id);
  const marked = new Set([...(checked ? unanswered : []), ...(serverMarked ? [serverMarked] : [])]);

  const focusQuestion = (id: string) => {
    const group = groups.current.get(id);
    group?.scrollIntoView({ block: "center" });
    group?.querySelector<HTMLInputElement>("input[type=radio]")?.focus({ preventScroll: true });
  };

  const choose = (questionId: string, value: string) => {
    setAnswers((a) => ({ ...a, [questionId]: value }));
    if (serverMarked === questionId) setServerMarked(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setChecked(true);
    setError(null);
    if (unanswered.length > 0) {
      focusQuestion(unanswered[0]!);
      return;
    }
    setBusy(true);
    try {
      const chosen = answers as AskedAnswers;
      const text = comment.trim() || undefined;
      onDone(token ? await rateAsOwner(code, token, chosen, text) : await rate(code, chosen, text));
      bump((n) => n + 1);
    } catch (failure) {
      setBusy(false);
      if (token && failure instanceof ApiError && failure.status === 403) return onTokenRefused(token, failure.message);
      setError(errorMessage(failure));
      if (failure instanceof ApiError && failure.field && form.questions.some((q) => q.id === failure.field)) {
        setServerMarked(failure.field);
        focusQuestion(failure.field);
      }
    }
  };

  const missingCount = checked ? unanswered.length : 0;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{m.intro}</p>
      <p className="dossier-code">{code}</p>
      {form.known.length > 0 && (
        <section className="card" aria-labelledby="rating-known-title">
          <h2 id="rating-known-title" className="card-title">
            {m.knownTitle}
          </h2>
          <dl className="facts">
            {form.known.map((k) => (
              <Fact key={k.id} label={k.label} value={k.valueLabel} />
            ))}
          </dl>
          <p className="muted">{m.knownNote}</p>
        </section>
      )}
      {form.questions.map((q) => {
        const invalid = marked.has(q.id);
        return (
          <fieldset
            key={q.id}
            ref={(el) => {
              if (el) groups.current.set(q.id, el);
              else groups.current.delete(q.id);
            }}
            className={`card choice-group${invalid ? " choice-group-missing" : ""}`}
            role="radiogroup"
            aria-labelledby={`q-${q.id}`}
            aria-required="true"
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `q-${q.id}-missing` : undefined}
          >
            <legend id={`q-${q.id}`} className="field-label">
              {q.label}
            </legend>
            {invalid && (
              <p id={`q-${q.id}-missing`} className="choice-missing">
                {m.unanswered}
              </p>
            )}
            {q.options.map((o) => (
              <label key={o.value} className="choice">
                <input
                  type="radio"
                  name={q.id}
                  value={o.value}
                  checked={answers[q.id] === o.value}
                  aria-invalid={invalid || undefined}
                  onChange={() => choose(q.id, o.value)}
                />
                <span>{o.label}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
      <label className="field-label" htmlFor="rating-comment">
        {m.commentLabel}
      </label>
      <textarea
        id="rating-comment"
        className="text-input text-area"
        rows={3}
        maxLength={TEXT_LIMITS.ratingComment.max}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {missingCount > 0 && <InlineAlert>{m.missing(missingCount)}</InlineAlert>}
      {error && <InlineAlert>{error}</InlineAlert>}
      <Button htmlType="submit" fullWidth size="large" loading={busy}>
        {m.submit}
      </Button>
    </form>
  );
}
