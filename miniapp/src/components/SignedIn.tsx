import { Suspense, type ReactNode } from "react";
import { useSetRecoilState } from "recoil";
import { CURRENT_PROVINCE, isBuildProvince, PROVINCE_ID } from "../config";
import { Link } from "../navigation";
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
  // Signing in is for the build's own province (its Zalo app's): elsewhere, say so and offer the way back.
  if (!isBuildProvince(PROVINCE_ID)) {
    return (
      <ErrorState message={messages.account.otherProvinceApp(CURRENT_PROVINCE.name ?? CURRENT_PROVINCE.channelName)}>
        <Link to="/provinces" className="button-link">
          {messages.home.switchProvince}
        </Link>
      </ErrorState>
    );
  }
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
