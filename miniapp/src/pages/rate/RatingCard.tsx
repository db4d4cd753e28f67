/**
 * The invitation to rate on an owner's view of a finished dossier: "Đánh giá" while it can be rated, "already
 * rated" once it is. It reads the survey with the proof the page has (a token, or the follower's session); if that
 * read fails, the button still leads to the rate page, which finds another proof or asks for one.
 */
import { Suspense } from "react";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { SkeletonBlock } from "../../components/Skeleton";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { ratingFormState } from "../../state/voice";
import { ratePath } from "./proof";

export function RatingCard({ code, token }: { code: string; token: string | null }) {
  return (
    <section className="card stack rating-card" aria-labelledby="rating-card-title">
      <h2 id="rating-card-title" className="card-title">
        {messages.rating.cardTitle}
      </h2>
      <ErrorBoundary fallback={() => <Invitation code={code} />}>
        <Suspense fallback={<SkeletonBlock height={48} />}>
          <RatingState code={code} token={token} />
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}

function RatingState({ code, token }: { code: string; token: string | null }) {
  const form = useOutcome(ratingFormState({ code, token }));
  if (form.rating) return <p className="rating-done">{messages.rating.done}</p>;
  if (!form.canRate) return <p>{messages.rating.notFinished}</p>;
  return <Invitation code={code} />;
}

function Invitation({ code }: { code: string }) {
  return (
    <>
      <p>{messages.rating.cardBody}</p>
      <Link to={ratePath(code)} className="button-link">
        {messages.rating.open}
      </Link>
    </>
  );
}
