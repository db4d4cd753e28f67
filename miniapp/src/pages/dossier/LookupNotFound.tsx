/**
 * "Không tìm thấy": the code looked up, repeated so the citizen can compare it with the slip; why a dossier filed a
 * few hours ago may not show yet; the province's hotline as a real `tel:` link; and the way back to a field that
 * still holds what was typed.
 */
import { Suspense, type ReactNode } from "react";
import { useRecoilValue } from "recoil";
import { HotlineCall } from "../../components/Hotline";
import { SkeletonBlock } from "../../components/Skeleton";
import { messages } from "../../messages";
import { provinceState } from "../../state";

export function LookupNotFound({ code, message, children }: { code: string; message: string; children: ReactNode }) {
  const m = messages.lookupFailed;
  return (
    <section className="card notice notice-error stack" role="alert" aria-labelledby="not-found-title">
      <h2 id="not-found-title" className="notice-title">
        {m.title}
      </h2>
      <p>
        {m.codeLabel}:
        <br />
        <strong className="dossier-code">{code}</strong>
      </p>
      <p>{message}</p>
      <p>{m.recent}</p>
      <Suspense fallback={<SkeletonBlock height={52} />}>
        <Hotline />
      </Suspense>
      <div className="actions">{children}</div>
    </section>
  );
}

/** The hotline, said and as the same call button every error page has. */
function Hotline() {
  const hotline = useRecoilValue(provinceState)?.hotline;
  if (!hotline) return null;
  return (
    <>
      <p>{messages.lookupFailed.hotline(hotline)}</p>
      <HotlineCall label={messages.errors.callHotline} />
    </>
  );
}
