/**
 * /staff/permissions — province admins give officers of the province the right to write the province's news
 * (`communications`), or take it back: one switch per officer.
 */
import { useState } from "react";
import { useSetRecoilState } from "recoil";
import type { StaffOfficer } from "../../api/staff-broadcasts";
import { setCommunications } from "../../api/staff-broadcasts";
import { EmptyState, errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { messages } from "../../messages";
import { useOutcome } from "../../state";
import { accountVersionState } from "../../state/account";
import { officersState } from "../../state/staff-broadcasts";
import { broadcastMessages as t } from "./broadcast-messages";
import "./broadcasts.css";

export default function StaffPermissionsPage() {
  return (
    <Page title={t.permissions.title}>
      <SignedIn>
        <Officers />
      </SignedIn>
    </Page>
  );
}

function Officers() {
  const officers = useOutcome(officersState);
  return (
    <div className="stack">
      <p>{t.permissions.intro}</p>
      {officers.length === 0 ? (
        <EmptyState>{t.permissions.empty}</EmptyState>
      ) : (
        <ul className="plain-list stack">
          {officers.map((o) => (
            <OfficerSwitch key={o.id} officer={o} />
          ))}
        </ul>
      )}
    </div>
  );
}

function OfficerSwitch({ officer }: { officer: StaffOfficer }) {
  const bump = useSetRecoilState(accountVersionState);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const admin = officer.role === "province_admin";
  // The switch moves at once; it moves back if the server refuses.
  const [given, setGiven] = useState(officer.effectivePermissions.includes("communications"));
  const on = admin || given;
  const toggle = async (next: boolean) => {
    setBusy(true);
    setNotice(null);
    setGiven(next);
    try {
      const saved = await setCommunications(officer.id, next);
      setGiven(saved.effectivePermissions.includes("communications"));
      setNotice({ tone: "success", text: next ? t.permissions.granted(officer.displayName) : t.permissions.revoked(officer.displayName) });
      bump((n) => n + 1);
    } catch (failure) {
      setGiven(!next);
      setNotice({ tone: "error", text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card stack officer-right">
      <p className="card-title">{officer.displayName}</p>
      {officer.title && <p className="muted">{officer.title}</p>}
      <p className="muted">{messages.staff.roles[officer.role]}</p>
      <label className="choice switch-row">
        <input
          type="checkbox"
          role="switch"
          aria-label={t.permissions.label(officer.displayName)}
          checked={on}
          aria-checked={on}
          disabled={admin || busy}
          onChange={(e) => void toggle(e.target.checked)}
        />
        <span>{admin ? t.permissions.admin : on ? t.permissions.on : t.permissions.off}</span>
      </label>
      {notice && <InlineAlert tone={notice.tone}>{notice.text}</InlineAlert>}
    </li>
  );
}
