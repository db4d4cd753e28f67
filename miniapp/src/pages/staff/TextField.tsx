/**
 * A labelled text field of the staff forms: one line, several (`rows`), or a date and time; with an optional line
 * under it that the field is described by (a hint, a count, the picked time said in Vietnamese).
 */
import type { ReactNode } from "react";
import { fromVnInput } from "../../domain/staff-broadcasts";
import { formatDateTime } from "../../domain/dates";

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  type?: "text" | "datetime-local";
  maxLength?: number;
  min?: string;
  note?: ReactNode;
  noteClass?: string;
};

export function TextField({ id, label, value, onChange, rows, type = "text", maxLength, min, note, noteClass = "muted" }: Props) {
  const described = note === undefined ? undefined : `${id}-note`;
  const common = { id, value, maxLength, "aria-describedby": described };
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {rows ? (
        <textarea {...common} className="text-input text-area" rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} min={min} className="text-input" onChange={(e) => onChange(e.target.value)} />
      )}
      {described && (
        <p id={described} className={noteClass} aria-live={type === "text" ? undefined : "polite"}>
          {note}
        </p>
      )}
    </>
  );
}

/**
 * A date and time picked on the phone, read as Vietnam's; the phone's own picker may write it its way, so the line
 * under it says it as HH:mm dd/MM/yyyy.
 */
export function VnTimeField({ said, ...props }: Omit<Props, "type" | "note" | "rows"> & { said: (when: string) => string }) {
  const picked = fromVnInput(props.value);
  return <TextField {...props} type="datetime-local" note={picked ? said(formatDateTime(picked)) : ""} />;
}
