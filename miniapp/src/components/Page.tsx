import { useEffect, type ReactNode } from "react";
import { messages } from "../messages";
import { useGoBack } from "../navigation";
import { BackIcon } from "./icons";

/**
 * A page below the home page: a header with a large, labelled back button and the title. Zalo's capsule
 * (… and ×) sits over the top right corner, so the header keeps that corner free.
 */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const goBack = useGoBack();
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div className="page">
      <header className="topbar">
        <button type="button" className="back-button" onClick={goBack}>
          <BackIcon />
          <span>{messages.app.back}</span>
        </button>
        <h1 className="topbar-title">{title}</h1>
      </header>
      <main className="page-body">{children}</main>
    </div>
  );
}
