import { Suspense, type ReactNode } from "react";
import { useSetRecoilState } from "recoil";
import { accountVersionState } from "../state/account";
import { messages } from "../messages";
import { canSignIn } from "../platform";
import { ErrorBoundary } from "./ErrorBoundary";
import { errorMessage, ErrorState } from "./Notice";
import { LoadingRegion, SkeletonCard } from "./Skeleton";

/**
 * A part of a page that needs the citizen signed in: a skeleton while the session and the read load, the API's
 * Vietnamese message with "Thử lại" when they fail, and a clear word when this is not Zalo (nor a dev build).
 */
export function SignedIn({ children }: { children: ReactNode }) {
  const bump = useSetRecoilState(accountVersionState);
  if (!canSignIn()) return <ErrorState message={messages.account.openInZalo} />;
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <ErrorState
          message={errorMessage(error)}
          onRetry={() => {
            bump((n) => n + 1);
            reset();
          }}
        />
      )}
    >
      <Suspense
        fallback={
          <LoadingRegion label={messages.app.loading}>
            <SkeletonCard lines={2} />
            <SkeletonCard lines={2} />
          </LoadingRegion>
        }
      >
        {children}
      </Suspense>
    </ErrorBoundary>
  );
}
