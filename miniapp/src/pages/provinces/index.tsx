/**
 * /provinces — Chọn tỉnh, thành phố: the provinces this deployment serves, the one the app serves now first and
 * marked as chosen. Choosing another keeps the choice on the phone and restarts the app in it, so nothing of the
 * old province stays in memory; each province keeps its own dossiers and sign-in on the phone (its own keys).
 */
import { Suspense, useState } from "react";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { ChevronIcon } from "../../components/icons";
import { EmptyState, InlineAlert, ReadFailed } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { PROVINCE_ID } from "../../config";
import { isHexColor } from "../../domain/colors";
import { PROVINCE_CHOICE_KEY } from "../../domain/province-choice";
import { type ProvinceSummary, provinceChoiceValue, provinceOptions } from "../../domain/province-picker";
import { messages } from "../../messages";
import { useGoBack } from "../../navigation";
import { basename, useOutcome } from "../../state";
import { provincesState } from "../../state/provinces";
import { provinceMessages as t } from "./messages";
import "./provinces.css";

export default function ProvincesPage() {
  return (
    <Page title={t.title}>
      <p className="card">{t.intro}</p>
      <ErrorBoundary fallback={(error, reset) => <ReadFailed state={provincesState} error={error} reset={reset} />}>
        <Suspense fallback={<ProvincesSkeleton />}>
          <ProvinceList />
        </Suspense>
      </ErrorBoundary>
      <p className="muted">{t.kept}</p>
    </Page>
  );
}

function ProvincesSkeleton() {
  return (
    <LoadingRegion label={messages.app.loading}>
      <SkeletonCard lines={1} />
      <SkeletonCard lines={1} />
    </LoadingRegion>
  );
}

/**
 * Keeps the choice where config.ts reads it at start (the webview's own storage: it answers before the first render,
 * where Zalo's storage would need zmp-sdk loaded first) and starts the app again on its home page.
 */
function switchTo(province: ProvinceSummary): boolean {
  try {
    window.localStorage.setItem(PROVINCE_CHOICE_KEY, provinceChoiceValue(province));
  } catch {
    return false; // storage refused (private mode): the choice could not survive the restart
  }
  window.location.replace(`${basename}/`);
  return true;
}

function ProvinceList() {
  const options = provinceOptions(useOutcome(provincesState), PROVINCE_ID);
  const goBack = useGoBack();
  const [switching, setSwitching] = useState<ProvinceSummary | null>(null);
  const [refused, setRefused] = useState(false);
  if (options.length === 0) return <EmptyState>{t.empty}</EmptyState>;
  const choose = (province: ProvinceSummary & { current: boolean }) => {
    if (province.current) return goBack();
    if (switchTo(province)) setSwitching(province);
    else setRefused(true);
  };
  return (
    <>
      <ul className="link-list province-list" aria-label={t.listLabel}>
        {options.map((province) => (
          <li key={province.id}>
            <button
              type="button"
              className="link-row province-option"
              aria-current={province.current ? "true" : undefined}
              disabled={switching !== null}
              onClick={() => choose(province)}
            >
              <span
                className="province-swatch"
                style={isHexColor(province.primaryColor) ? { background: province.primaryColor } : undefined}
                aria-hidden="true"
              />
              <span className="link-row-text">
                <span className="link-row-title">{province.name}</span>
                <span className="link-row-hint">{province.channelName}</span>
                {province.current && <span className="province-current">{t.current}</span>}
              </span>
              {province.current ? <CheckIcon /> : <ChevronIcon />}
            </button>
          </li>
        ))}
      </ul>
      {refused && <InlineAlert>{t.notKept}</InlineAlert>}
      {switching && (
        <p className="muted" role="status">
          {t.switching(switching.name)}
        </p>
      )}
    </>
  );
}

/** Here rather than with the shared icons: those are in the first script. */
function CheckIcon() {
  return (
    <svg
      className="province-check"
      width={26}
      height={26}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M5 12l5 5L20 7" />
    </svg>
  );
}
