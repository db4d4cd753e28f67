/**
 * The staff home's first line: "Việc của tôi", with how many notices still wait for the officer (documents to
 * process or approve, meetings to answer). Its few words stay here: were they taken from the notices page's words,
 * that file would become a chunk of its own, named in the citizen's first script.
 */
import { ChevronIcon } from "../../components/icons";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { staffProfileState } from "../../state/staff-broadcasts";

const t = {
  title: "Việc của tôi",
  hint: "Văn bản cần xử lý, chờ phê duyệt, lịch họp",
  waiting: (n: number) => `${n} việc đang chờ xử lý`,
};

export function NoticesLink() {
  const { openNotices } = useOutcome(staffProfileState);
  return (
    <Link to="/staff/notices" className="link-row">
      <span className="link-row-text">
        <span className="link-row-title">
          {t.title}
          {openNotices > 0 && <strong className="badge">{openNotices}</strong>}
        </span>
        <span className="link-row-hint">{openNotices > 0 ? t.waiting(openNotices) : t.hint}</span>
      </span>
      <ChevronIcon />
    </Link>
  );
}
