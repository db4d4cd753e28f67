/**
 * The staff home's way into the figures, for those who lead: province admins and department heads. Its words are
 * here, not in figures-messages.ts: the staff home importing that file would make it a chunk of its own, one more
 * name in the first screen's script.
 */
import type { Me } from "../../../api/types";
import { ChevronIcon } from "../../../components/icons";
import { Link } from "../../../navigation";

const t = { link: "Số liệu điều hành", linkHint: "Tỷ lệ đúng hạn, tỷ lệ hài lòng theo cơ quan, phòng, thủ tục" } as const;

export function FiguresLink({ staff }: { staff: NonNullable<Me["staff"]> }) {
  if (staff.role !== "province_admin" && staff.role !== "department_head") return null;
  return (
    <Link to="/staff/figures" className="link-row">
      <span className="link-row-text">
        <span className="link-row-title">{t.link}</span>
        <span className="link-row-hint">{t.linkHint}</span>
      </span>
      <ChevronIcon />
    </Link>
  );
}
