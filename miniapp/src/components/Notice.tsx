import { Button } from "zmp-ui";
import type { ReactNode } from "react";
import { type RecoilValue, useRecoilRefresher_UNSTABLE } from "recoil";
import { ApiError, NetworkError } from "../api/client";
import { messages } from "../messages";
import { HotlineCall } from "./Hotline";
import { OfflineIcon } from "./icons";

/** A whole-section problem: what happened, what to do, the buttons to do it, and the hotline to call for help. */
export function ErrorState({ title, message, onRetry, children }: { title?: string; message: string; onRetry?: () => void; children?: ReactNode }) {
  return (
    <section className="card notice notice-error" role="alert">
      {title && <h2 className="notice-title">{title}</h2>}
      <p>{message}</p>
      <div className="actions">
        {onRetry && (
          <Button fullWidth size="large" onClick={onRetry}>
            {messages.app.retry}
          </Button>
        )}
        {children}
        <HotlineCall label={messages.errors.callHotline} />
      </div>
    </section>
  );
}

/** Nothing to show yet, said kindly, with what would fill this place. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="card notice notice-empty">{children}</p>;
}

/** A short message next to the control it is about (a wrong code, a failed unlock). */
export function InlineAlert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" | "info" }) {
  return (
    <p className={`inline-alert inline-alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </p>
  );
}

export function OfflineBanner({ children }: { children: ReactNode }) {
  return (
    <div className="offline-banner" role="status">
      <OfflineIcon />
      <div className="offline-banner-text">{children}</div>
    </div>
  );
}

/** An API read that failed, with "Thử lại" reading it afresh (the selector's cached failure is dropped first). */
export function ReadFailed({ state, error, reset }: { state: RecoilValue<unknown>; error: unknown; reset: () => void }) {
  const refresh = useRecoilRefresher_UNSTABLE(state);
  return (
    <ErrorState
      message={errorMessage(error)}
      onRetry={() => {
        refresh();
        reset();
      }}
    />
  );
}

/** The Vietnamese message for any failure: the API's own message when it answered, ours when it did not. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  return messages.errors.unknown;
}
