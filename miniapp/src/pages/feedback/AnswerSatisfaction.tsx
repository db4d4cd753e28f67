/**
 * After the agency's answer to the citizen's feedback: "Ông/bà có hài lòng với trả lời này không?", two large
 * buttons, asked once. Then thanks, and that the feedback can still be sent again while the matter is not settled;
 * on a later visit, what the citizen said. No styles of its own: a CSS file for it would be named in the citizen's
 * first script.
 */
import { useState } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import type { Feedback } from "../../api/types";
import { rateFeedbackAnswer } from "../../api/voice";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { formatDate } from "../../domain/dates";
import { messages } from "../../messages";
import { accountVersionState } from "../../state/account";
import { answerSatisfactionMessages as t } from "./satisfaction-messages";

export function AnswerSatisfaction({ f }: { f: Feedback }) {
  const bump = useSetRecoilState(accountVersionState);
  const [busy, setBusy] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What the API answered to this visit's choice, shown until the page's own read catches up.
  const [rated, setRated] = useState<Feedback | null>(null);
  const rate = async (satisfied: boolean) => {
    if (busy !== null) return;
    setBusy(satisfied);
    setError(null);
    try {
      setRated(await rateFeedbackAnswer(f.id, satisfied));
      bump((n) => n + 1);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  };

  const said = f.answerSatisfied ?? rated?.answerSatisfied ?? null;
  if (said !== null) {
    return (
      <section className="card stack" aria-live="polite">
        {rated && <InlineAlert tone="success">{t.thanks}</InlineAlert>}
        <p>
          <strong>{t.said(said)}</strong>
        </p>
        {rated && f.canReopen && f.reopenUntil && <p>{t.canStillReopen(messages.feedback.notSolved, formatDate(f.reopenUntil))}</p>}
      </section>
    );
  }
  if (!f.canRateAnswer) return null;
  return (
    <section className="card stack" aria-labelledby="answer-satisfaction">
      <h2 id="answer-satisfaction" className="card-title">
        {t.question}
      </h2>
      <p className="muted">{t.why}</p>
      <div className="actions">
        <Button fullWidth size="large" loading={busy === true} disabled={busy === false} onClick={() => void rate(true)}>
          {t.satisfied}
        </Button>
        <Button fullWidth size="large" variant="secondary" loading={busy === false} disabled={busy === true} onClick={() => void rate(false)}>
          {t.notSatisfied}
        </Button>
      </div>
      {error && <InlineAlert>{error}</InlineAlert>}
    </section>
  );
}
