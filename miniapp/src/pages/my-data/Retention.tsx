import { Suspense } from "react";
import { useRecoilValue } from "recoil";
import { RETENTION_MONTHS } from "../../../../worker/src/domain/lifecycle";
import { provinceState } from "../../state";
import { retentionMessages as t } from "./messages";

/** How long each kind of data is kept, with the province's own months for closed dossiers. */
export function RetentionCard() {
  return (
    <section className="card stack" aria-labelledby="retention-title">
      <h2 id="retention-title" className="card-title">
        {t.title}
      </h2>
      <p>{t.intro}</p>
      <Suspense fallback={<RetentionRules months={RETENTION_MONTHS.default} />}>
        <ProvinceRetention />
      </Suspense>
    </section>
  );
}

function ProvinceRetention() {
  const months = useRecoilValue(provinceState)?.dataRetentionMonths ?? RETENTION_MONTHS.default;
  return <RetentionRules months={months} />;
}

function RetentionRules({ months }: { months: number }) {
  return (
    <ul className="stack retention-rules">
      {t.rules(months).map((rule) => (
        <li key={rule}>{rule}</li>
      ))}
    </ul>
  );
}
