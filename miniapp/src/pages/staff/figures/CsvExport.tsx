/**
 * "Xuất CSV" under a table: the same query asked of `/v1/staff/figures.csv` through the typed client, and the file
 * handed to the officer the way the phone takes it: Zalo's own download inside Zalo (it names the file itself),
 * a download named for what it counts and its days in a browser (a Blob and a link).
 */
import { useState } from "react";
import { Button } from "zmp-ui";
import { type FiguresQuery, getStaffFiguresCsv } from "../../../api/figures";
import { errorMessage, InlineAlert } from "../../../components/Notice";
import { csvFileName } from "../../../domain/figures";
import { saveTextFile } from "../../../platform/download";
import { figuresMessages as t } from "./figures-messages";

export function CsvExport({ query }: { query: FiguresQuery }) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      const csv = await getStaffFiguresCsv(query);
      await saveTextFile(csvFileName(query.groupBy, query), csv, "text/csv;charset=utf-8");
      setNotice({ tone: "success", text: t.exported });
    } catch (error) {
      setNotice({ tone: "error", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <Button fullWidth size="large" variant="secondary" loading={busy} onClick={() => void run()}>
        {t.exportCsv}
      </Button>
      {notice && <InlineAlert tone={notice.tone}>{notice.text}</InlineAlert>}
    </div>
  );
}
