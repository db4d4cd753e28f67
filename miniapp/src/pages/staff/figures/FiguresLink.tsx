/** The staff home's way into the figures, for those who lead: province admins and department heads. */
import type { Me } from "../../../api/types";
import { ChevronIcon } from "../../../components/icons";
import { Link } from "../../../navigation";
import { figuresMessages as t } from "./figures-messages";

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
