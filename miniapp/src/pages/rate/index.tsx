/**
 * /rate?code=… — the satisfaction survey for a dossier whose result is ready or returned (what the dossier page's
 * rating card and the "Đã trả kết quả" message open). Its owner rates once, proving ownership with, in order: a
 * token this phone holds for the dossier (the slip's, or a view token from the last 4 digits), else following it
 * (signed in); without either, the page asks for the slip's QR or the last 4 digits, never a dead end. The
 * questions are the server's; what the system knows (early, on time or late) is shown, not asked.
 */
import { Suspense, useEffect, useMemo, useState } from "react";
import { useRecoilValue, useSetRecoilState } from "recoil";
import { ApiError } from "../../api/client";
import type { Rating, RatingAnswers, RatingForm } from "../../api/types";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { Fact } from "../../components/Fact";
import { errorMessage, ErrorState } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { formatDateTime } from "../../domain/dates";
import { dossierPath, parseDossierQuery } from "../../domain/dossier-link";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { canSignIn } from "../../platform";
import { locationState, useOutcome } from "../../state";
import { accountVersionState } from "../../state/account";
import { ratingFormState } from "../../state/voice";
import { ProveOwnership } from "./ProveOwnership";
import { useForgetRefusedToken, useHeldToken } from "./proof";
import { SurveyForm } from "./SurveyForm";

export default function RatePage() {
  const { search } = useRecoilValue(locationState);
  const target = useMemo(() => parseDossierQuery(new URLSearchParams(search)), [search]);
  return (
    <Page title={messages.rating.title}>
      {target ? (
        <Suspense fallback={<SurveySkeleton />}>
          <RateDossier code={target.code} linkToken={target.token} />
        </Suspense>
      ) : (
        <ErrorState message={messages.dossier.invalidLink} />
      )}
    </Page>
  );
}

function SurveySkeleton() {
  return (
    <LoadingRegion label={messages.app.loading}>
      <SkeletonCard lines={2} />
      <SkeletonCard lines={3} />
    </LoadingRegion>
  );
}

function RateDossier({ code, linkToken }: { code: string; linkToken?: string }) {
  const token = useHeldToken(code, linkToken);
  const forgetToken = useForgetRefusedToken(code);
  const bump = useSetRecoilState(accountVersionState);
  // Set once the follower's read says this citizen does not follow the dossier (or cannot sign in here).
  const [notFollower, setNotFollower] = useState(false);

  if (token) {
    return (
      <ErrorBoundary
        key={token}
        fallback={(error, reset) =>
          error instanceof ApiError && error.status === 403 ? (
            <Refused onRefused={() => forgetToken(token, error.message)} />
          ) : (
            <Failed
              error={error}
              onRetry={() => {
                bump((n) => n + 1);
                reset();
              }}
              code={code}
            />
          )
        }
      >
        <Suspense fallback={<SurveySkeleton />}>
          <Survey code={code} token={token} onTokenRefused={forgetToken} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  if (canSignIn() && !notFollower) {
    return (
      <ErrorBoundary
        key="follower"
        fallback={(error, reset) =>
          error instanceof ApiError && (error.status === 404 || error.status === 401) ? (
            <Refused onRefused={() => setNotFollower(true)} />
          ) : (
            <Failed
              error={error}
              onRetry={() => {
                bump((n) => n + 1);
                reset();
              }}
              code={code}
            />
          )
        }
      >
        <Suspense fallback={<SurveySkeleton />}>
          <Survey code={code} token={null} onTokenRefused={forgetToken} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  return <ProveOwnership code={code} />;
}

/** A proof that did not hold: forget it (after render), and the page moves on to the next one. */
function Refused({ onRefused }: { onRefused: () => void }) {
  useEffect(onRefused, []); // eslint-disable-line react-hooks/exhaustive-deps
  return <SurveySkeleton />;
}

function Failed({ error, onRetry, code }: { error: unknown; onRetry: () => void; code: string }) {
  return (
    <ErrorState message={errorMessage(error)} onRetry={onRetry}>
      <BackToDossier code={code} />
    </ErrorState>
  );
}

function Survey({ code, token, onTokenRefused }: { code: string; token: string | null; onTokenRefused: (token: string, message: string) => void }) {
  const form = useOutcome(ratingFormState({ code, token }));
  const [given, setGiven] = useState<Rating | null>(null);
  const rating = given ?? form.rating;
  if (rating) return <Thanks code={code} rating={rating} form={form} />;
  if (!form.canRate) {
    return (
      <ErrorState message={messages.rating.notFinished}>
        <BackToDossier code={code} />
      </ErrorState>
    );
  }
  return <SurveyForm code={code} token={token} form={form} onDone={setGiven} onTokenRefused={onTokenRefused} />;
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
        {form.known.map((k) => (
          <Fact key={k.id} label={k.label} value={k.valueLabel} />
        ))}
        {form.questions.map((q) => (
          <Fact key={q.id} label={q.label} value={labelOf(q.id, rating.answers[q.id as keyof RatingAnswers])} />
        ))}
        {rating.comment && <Fact label={messages.rating.commentLabel} value={rating.comment} />}
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
