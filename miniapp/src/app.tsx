import { lazy, Suspense, useEffect, type ComponentType } from "react";
import { Button } from "zmp-ui";
import { useRecoilValue } from "recoil";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { ErrorState } from "./components/Notice";
import { inkOn, isHexColor } from "./domain/colors";
import { messages } from "./messages";
import { useNavigate } from "./navigation";
import HomePage from "./pages/home";
import NotFoundPage from "./pages/not-found";
import { applyBrandColor } from "./platform";
import { locationState, provinceState } from "./state";

/**
 * The home page is in the first script; every other page loads on demand, so the first screen never waits for it
 * (the initial script stays under 100 kB gzip). The dossier page, where a slip's QR lands, is fetched with the first
 * script when the address is a dossier's (the web build's index.html asks for it early, see build/web.ts).
 */
const PAGES: Record<string, ComponentType> = {
  "/": HomePage,
  "/dossier": lazy(() => import("./pages/dossier")),
  "/procedures": lazy(() => import("./pages/procedures")),
  "/procedure": lazy(() => import("./pages/procedure")),
  "/help": lazy(() => import("./pages/help")),
  "/directory": lazy(() => import("./pages/directory")),
  "/my-dossiers": lazy(() => import("./pages/my-dossiers")),
  "/inbox": lazy(() => import("./pages/inbox")),
  "/notifications": lazy(() => import("./pages/notifications")),
  "/staff": lazy(() => import("./pages/staff")),
  "/rate": lazy(() => import("./pages/rate")),
  "/feedback": lazy(() => import("./pages/feedback")),
  "/feedback/new": lazy(() => import("./pages/feedback/new")),
  "/feedback/item": lazy(() => import("./pages/feedback/item")),
  "/feedback/public": lazy(() => import("./pages/feedback/public")),
};

export function App() {
  const { path } = useRecoilValue(locationState);
  const CurrentPage = PAGES[path] ?? NotFoundPage;
  return (
    <>
      <Suspense fallback={null}>
        <BrandColors />
      </Suspense>
      <ErrorBoundary key={path} fallback={(_, reset) => <Crashed onRetry={reset} />}>
        <Suspense fallback={null}>
          <CurrentPage />
        </Suspense>
      </ErrorBoundary>
    </>
  );
}

/** The province's colours, once known, on the whole app and the phone's status bar. */
function BrandColors() {
  const province = useRecoilValue(provinceState);
  useEffect(() => {
    if (!province) return;
    setBrandVariables(province.primaryColor, province.accentColor);
    if (isHexColor(province.primaryColor)) void applyBrandColor(province.primaryColor);
  }, [province]);
  return null;
}

/**
 * The colours app.css paints with. main.tsx sets the build's before the first render (index.html already has
 * them on the web; inside Zalo nothing else would, and the first frame would be app.css's default blue).
 */
export function setBrandVariables(primaryColor: string, accentColor: string): void {
  const root = document.documentElement.style;
  if (isHexColor(primaryColor)) {
    root.setProperty("--brand", primaryColor);
    root.setProperty("--brand-ink", inkOn(primaryColor));
  }
  if (isHexColor(accentColor)) root.setProperty("--brand-accent", accentColor);
}

function Crashed({ onRetry }: { onRetry: () => void }) {
  const navigate = useNavigate();
  return (
    <main className="page-body">
      <ErrorState title={messages.app.crashTitle} message={messages.app.crashBody} onRetry={onRetry}>
        <Button fullWidth size="large" variant="secondary" onClick={() => navigate("/", { replace: true })}>
          {messages.app.home}
        </Button>
      </ErrorState>
    </main>
  );
}
