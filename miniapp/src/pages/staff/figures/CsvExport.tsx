/**
 * "Xuất CSV" under a table: the same query asked of `/v1/staff/figures.csv` through the typed client, and the file
 * handed to the officer the way the phone takes it: Zalo's own download inside Zalo (it names the file itself),
 * a download named for what it counts and its days in a browser (a Blob and a link).
 */
import { Button } from "zmp-ui";
import { type FiguresQuery, getStaffFiguresCsv } from "../../../api/figures";
import { InlineAlert } from "../../../components/Notice";
import { useAction } from "../../../components/useAction";
import { csvFileName } from "../../../domain/figures";
import { saveTextFile } from "../../../platform/download";
import { figuresMessages as t } from "./figures-messages";

export function CsvExport({ query }: { query: FiguresQuery }) {
  // Saving a file changes nothing on the server: the figures are not read again.
  const save = useAction(t.exported, { refresh: false });
  const run = () => save.run(async () => saveTextFile(csvFileName(query.groupBy, query), await getStaffFiguresCsv(query), "text/csv;charset=utf-8"));
  return (
    <div className="stack">
      <Button fullWidth size="large" variant="secondary" loading={save.busy} onClick={() => void run()}>
        {t.exportCsv}
      </Button>
      {save.notice && <InlineAlert tone={save.notice.tone}>{save.notice.text}</InlineAlert>}
    </div>
  );
}
