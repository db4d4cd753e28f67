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
 * The pages a citizen reaches from home that must open without network: a dossier kept on the phone, the procedure
 * guide, help, the directory. Not in the first script, so the first screen never waits for them (it stays under
 * 100 kB gzip); fetched as soon as the home page is up (see PrefetchOfflinePages), so that the network can drop
 * afterwards. The dossier page, where a slip's QR lands, is fetched with the first script when the address is a
 * dossier's (the web build's index.html asks for it early, see build/web.ts).
 */
const OFFLINE_PAGES = {
  "/dossier": () => import("./pages/dossier"),
  "/procedures": () => import("./pages/procedures"),
  "/procedure": () => import("./pages/procedure"),
  "/help": () => import("./pages/help"),
  "/directory": () => import("./pages/directory"),
};

const PAGES: Record<string, ComponentType> = {
  "/": HomePage,
  ...Object.fromEntries(Object.entries(OFFLINE_PAGES).map(([path, load]) => [path, lazy(load)])),
  "/my-dossiers": lazy(() => import("./pages/my-dossiers")),
  "/inbox": lazy(() => import("./pages/inbox")),
  "/notifications": lazy(() => import("./pages/notifications")),
  "/staff": lazy(() => import("./pages/staff")),
  "/rate": lazy(() => import("./pages/rate")),
  "/feedback": lazy(() => import("./pages/feedback")),
  "/feedback/new": lazy(() => import("./pages/feedback/new")),
  "/feedback/item": lazy(() => import("./pages/feedback/item")),
  "/feedback/public": lazy(() => import("./pages/feedback/public")),
  "/my-data": lazy(() => import("./pages/my-data")),
  "/communes": lazy(() => import("./pages/communes")),
  "/alert": lazy(() => import("./pages/alert")),
  "/news": lazy(() => import("./pages/news")),
  "/news/item": lazy(() => import("./pages/news/item")),
  "/transparency": lazy(() => import("./pages/transparency/entry")),
  "/provinces": lazy(() => import("./pages/provinces")),
};

/** The staff area's broadcasts (news, alerts, rights): one entry here, their own pages chosen inside it. */
const StaffBroadcastPages = lazy(() => import("./pages/staff/broadcast-pages"));

export function App() {
  const { path } = useRecoilValue(locationState);
  const CurrentPage = PAGES[path] ?? (path.startsWith("/staff/") ? StaffBroadcastPages : NotFoundPage);
  return (
    <>
      <PrefetchOfflinePages />
      <Suspense fallback={null}>
        <BrandColors />
      </Suspense>
      <ErrorBoundary key={path} fallback={(error, reset) => <Crashed error={error} onRetry={reset} />}>
        <Suspense fallback={null}>
          <CurrentPage />
        </Suspense>
      </ErrorBoundary>
    </>
  );
}

/** Once the first page is on screen and the phone is idle, the pages that must work offline are fetched. */
function PrefetchOfflinePages() {
  useEffect(() => {
    const prefetch = () => {
      for (const load of Object.values(OFFLINE_PAGES)) void load().catch(() => undefined);
    };
    if ("requestIdleCallback" in window) {
      const id = window.requestIdleCallback(prefetch, { timeout: 2000 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(prefetch, 200);
    return () => clearTimeout(timer);
  }, []);
  return null;
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

/**
 * A page's script could not be fetched: the network dropped before it arrived (a browser without the service
 * worker yet). Chromium, Safari and Firefox word it differently.
 */
export function isPageLoadFailure(error: unknown): boolean {
  return (
    error instanceof TypeError && /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(error.message)
  );
}

function Crashed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const navigate = useNavigate();
  // A page that never arrived is a network problem, said as such; trying again loads the app afresh, since a
  // browser may keep the failed fetch of a module for the rest of the page's life.
  const network = isPageLoadFailure(error);
  return (
    <main className="page-body">
      <ErrorState
        title={network ? messages.dossier.networkTitle : messages.app.crashTitle}
        message={network ? messages.errors.network : messages.app.crashBody}
        onRetry={network ? () => window.location.reload() : onRetry}
      >
        <Button fullWidth size="large" variant="secondary" onClick={() => navigate("/", { replace: true })}>
          {messages.app.home}
        </Button>
      </ErrorState>
    </main>
  );
}
