/**
 * /rate?code=… — the satisfaction survey for a followed dossier whose result is ready or returned (what the
 * "Đã trả kết quả" message's button opens). The questions and their answers are the server's; one rating per
 * dossier.
 */
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValue, useSetRecoilState } from "recoil";
import type { Rating, RatingAnswers, RatingForm } from "../../api/types";
import { rate } from "../../api/voice";
import { ErrorState, errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { formatDateTime } from "../../domain/dates";
import { dossierPath } from "../../domain/dossier-link";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { locationState, useOutcome } from "../../state";
import { accountVersionState } from "../../state/account";
import { ratingFormState } from "../../state/voice";

export default function RatePage() {
  const { search } = useRecoilValue(locationState);
  const code = useMemo(() => new URLSearchParams(search).get("code")?.trim() ?? "", [search]);
  return (
    <Page title={messages.rating.title}>
      {code ? (
        <SignedIn>
          <Survey code={code} />
        </SignedIn>
      ) : (
        <ErrorState message={messages.dossier.invalidLink} />
      )}
    </Page>
  );
}

function Survey({ code }: { code: string }) {
  const form = useOutcome(ratingFormState(code));
  const [given, setGiven] = useState<Rating | null>(null);
  const rating = given ?? form.rating;
  if (rating) return <Thanks code={code} rating={rating} form={form} />;
  if (!form.canRate) return <ErrorState message={messages.rating.notFinished}>{<BackToDossier code={code} />}</ErrorState>;
  return <SurveyForm code={code} form={form} onDone={setGiven} />;
}

function SurveyForm({ code, form, onDone }: { code: string; form: RatingForm; onDone: (r: Rating) => void }) {
  const bump = useSetRecoilState(accountVersionState);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (form.questions.some((q) => !answers[q.id])) {
      setError(messages.rating.missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await rate(code, answers as RatingAnswers, comment.trim() || undefined));
      bump((n) => n + 1);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{messages.rating.intro}</p>
      <p className="dossier-code">{code}</p>
      {form.questions.map((q) => (
        <fieldset key={q.id} className="card choice-group">
          <legend className="field-label">{q.label}</legend>
          {q.options.map((o) => (
            <label key={o.value} className="choice">
              <input type="radio" name={q.id} value={o.value} checked={answers[q.id] === o.value} onChange={() => setAnswers((a) => ({ ...a, [q.id]: o.value }))} />
              <span>{o.label}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <label className="field-label" htmlFor="rating-comment">
        {messages.rating.commentLabel}
      </label>
      <textarea id="rating-comment" className="text-input text-area" rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      {error && <InlineAlert>{error}</InlineAlert>}
      <Button htmlType="submit" fullWidth size="large" loading={busy}>
        {messages.rating.submit}
      </Button>
    </form>
  );
}

function Thanks({ code, rating, form }: { code: string; rating: Rating; form: RatingForm }) {
  const labelOf = (id: string, value: string) => form.questions.find((q) => q.id === id)?.options.find((o) => o.value === value)?.label ?? value;
  return (
    <div className="stack">
      <section className="card notice" role="status">
        <h2 className="card-title">{messages.rating.thanksTitle}</h2>
        <p>{messages.rating.thanksBody(formatDateTime(rating.createdAt))}</p>
      </section>
      <dl className="card facts">
        {form.questions.map((q) => (
          <div key={q.id} className="fact">
            <dt>{q.label}</dt>
            <dd>{labelOf(q.id, rating.answers[q.id as keyof RatingAnswers])}</dd>
          </div>
        ))}
        {rating.comment && (
          <div className="fact">
            <dt>{messages.rating.commentLabel}</dt>
            <dd>{rating.comment}</dd>
          </div>
        )}
      </dl>
      <BackToDossier code={code} />
    </div>
  );
}

function BackToDossier({ code }: { code: string }) {
  return (
    <Link to={dossierPath({ code })} className="button-link button-link-secondary">
      {messages.rating.backToDossier}
    </Link>
  );
}
