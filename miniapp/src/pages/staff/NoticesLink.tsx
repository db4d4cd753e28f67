/**
 * The staff home's first line: "Việc của tôi", with how many notices still wait for the officer (documents to
 * process or approve, meetings to answer).
 */
import { ChevronIcon } from "../../components/icons";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { staffProfileState } from "../../state/staff-broadcasts";
import { noticeMessages as t } from "./notices/notice-messages";

export function NoticesLink() {
  const { openNotices } = useOutcome(staffProfileState);
  return (
    <Link to="/staff/notices" className="link-row">
      <span className="link-row-text">
        <span className="link-row-title">
          {t.title}
          {openNotices > 0 && <strong className="badge">{openNotices}</strong>}
        </span>
        <span className="link-row-hint">{openNotices > 0 ? t.homeOpen(openNotices) : t.homeHint}</span>
      </span>
      <ChevronIcon />
    </Link>
  );
}
