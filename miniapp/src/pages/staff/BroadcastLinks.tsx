/**
 * The staff home's way into the province's broadcasts, shown only to those who hold the right: news to officers
 * with `communications` (province admins hold it), alerts and who may write news to province admins.
 */
import { ChevronIcon } from "../../components/icons";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { staffProfileState } from "../../state/staff-broadcasts";
import { broadcastMessages as t } from "./broadcast-messages";

export function BroadcastLinks() {
  const profile = useOutcome(staffProfileState);
  const can = (permission: string) => (profile.permissions as readonly string[]).includes(permission);
  const admin = profile.role === "province_admin";
  if (!can("communications") && !can("alerts") && !admin) return null;
  return (
    <nav className="stack" aria-labelledby="broadcasts-title">
      <h2 id="broadcasts-title" className="section-title">
        {t.sections.title}
      </h2>
      <div className="link-list">
        {can("communications") && <SectionLink to="/staff/news" title={t.sections.news} hint={t.sections.newsHint} />}
        {can("alerts") && <SectionLink to="/staff/alerts" title={t.sections.alerts} hint={t.sections.alertsHint} />}
        {admin && <SectionLink to="/staff/permissions" title={t.sections.permissions} hint={t.sections.permissionsHint} />}
      </div>
    </nav>
  );
}

function SectionLink({ to, title, hint }: { to: string; title: string; hint: string }) {
  return (
    <Link to={to} className="link-row">
      <span className="link-row-text">
        <span className="link-row-title">{title}</span>
        <span className="link-row-hint">{hint}</span>
      </span>
      <ChevronIcon />
    </Link>
  );
}
