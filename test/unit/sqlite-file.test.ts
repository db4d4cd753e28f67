/**
 * bench/lib/sqlite-file.ts against files local D1 really writes: a Miniflare D1 with a table, its indexes, rows too
 * big for one page, a WITHOUT ROWID table and a large delete, read from its file and WAL as the capacity bench
 * reads them, checked against what SQL says through D1 (row counts) and against the file's own accounting (every
 * page belongs to exactly one b-tree or the free list).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeRecord, findD1File, localPayload, readSqliteFile, readVarint, type SqliteFileReport } from "../../bench/lib/sqlite-file";

describe("SQLite varints, records and local payload", () => {
  it("reads varints of one, two and nine bytes", () => {
    expect(readVarint(Buffer.from([0x7f]), 0)).toEqual({ value: 127, length: 1 });
    expect(readVarint(Buffer.from([0x81, 0x00]), 0)).toEqual({ value: 128, length: 2 });
    expect(readVarint(Buffer.from([0x00, 0x82, 0x2c]), 1)).toEqual({ value: 300, length: 2 });
    expect(readVarint(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0x01]), 0)).toEqual({ value: 2 ** 8 + 1, length: 9 });
  });

  it("decodes a record's integers, text, blob and nulls", () => {
    // header: size 6, then types NULL, int8, text of 2 bytes (17), blob of 1 byte (14), constant 1 (9)
    const record = Buffer.from([6, 0, 1, 17, 14, 9, 0xfe, 0x68, 0x69, 0xaa]);
    expect(decodeRecord(record)).toEqual([null, -2, "hi", Buffer.from([0xaa]), 1]);
    expect(decodeRecord(record, 3)).toEqual([null, -2, "hi"]);
  });

  it("keeps a payload on its page up to the limit, then spills by the format's rule", () => {
    // 4096-byte pages: a table leaf holds up to 4061 bytes, an index up to 1002; the least kept is 489.
    expect(localPayload(4061, 4096, true)).toBe(4061);
    expect(localPayload(4062, 4096, true)).toBe(489);
    expect(localPayload(5000, 4096, true)).toBe(489 + ((5000 - 489) % 4092));
    expect(localPayload(1002, 4096, false)).toBe(1002);
    expect(localPayload(1003, 4096, false)).toBe(489);
    expect(localPayload(5000, 4096, false)).toBe(489 + ((5000 - 489) % 4092));
  });
});

describe("a local D1 file read from disk", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sqlite-file-"));
  let file = "";
  let report: SqliteFileReport;
  const counts: Record<string, number> = {};
  /** The WAL's size before the delete: a log cut just past it holds every big row still. */
  let walBeforeDelete = 0;

  beforeAll(async () => {
    const mf = new Miniflare({
      modules: true,
      script: "export default { fetch() { return new Response(null, { status: 404 }); } }",
      d1Databases: { DB: "sqlite-file-test" },
      d1Persist: path.join(dir, "d1"),
      host: "127.0.0.1",
      port: Number(process.env.SQLITE_FILE_TEST_PORT ?? 0),
    });
    try {
      const db = await mf.getD1Database("DB");
      const upTo = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
      await db.batch([
        db.prepare("CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, body TEXT NOT NULL)"),
        db.prepare("CREATE INDEX items_body_idx ON items (substr(body, 1, 40))"),
        db.prepare("CREATE TABLE pairs (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID"),
      ]);
      // 3,000 small rows, 200 rows of 9 kB (each spills over two overflow pages), 5,000 entries without rowid.
      await db.prepare(`${upTo(3000)} INSERT INTO items (code, body) SELECT 'C-' || i, hex(randomblob(60)) FROM n`).run();
      await db.prepare(`${upTo(200)} INSERT INTO items (code, body) SELECT 'BIG-' || i, hex(randomblob(4500)) FROM n`).run();
      await db.prepare(`${upTo(5000)} INSERT INTO pairs (a, b) SELECT 'a' || (i % 70), 'b-' || i || '-' || hex(randomblob(8)) FROM n`).run();
      walBeforeDelete = statSync(`${findD1File(path.join(dir, "d1"))}-wal`).size;
      // Freed pages go to the free list.
      await db.prepare("DELETE FROM items WHERE code LIKE 'BIG-%' AND id % 2 = 0").run();
      for (const table of ["items", "pairs"]) {
        counts[table] = (await db.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
      }
    } finally {
      await mf.dispose();
    }
    file = findD1File(path.join(dir, "d1"));
    report = readSqliteFile(file);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds the committed pages in the WAL Miniflare leaves behind", () => {
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(report.walFrames).toBeGreaterThan(0);
    expect(report.pageSize).toBe(4096);
    expect(report.bytes).toBe(report.pageCount * report.pageSize);
  });

  it("accounts for every page once: b-trees plus the free list make the page count", () => {
    const btreePages = report.btrees.reduce((sum, b) => sum + b.interiorPages + b.leafPages + b.overflowPages, 0);
    expect(btreePages + report.freelistPages).toBe(report.pageCount);
    expect(report.freelistPages).toBeGreaterThan(0);
    expect(report.inUseBytes).toBe((report.pageCount - report.freelistPages) * report.pageSize);
  });

  it("counts a table's rows, its indexes' entries and its overflow pages", () => {
    const by = (name: string) => report.btrees.find((b) => b.name === name)!;
    expect(by("items").entries).toBe(counts.items);
    expect(by("items").type).toBe("table");
    expect(by("items_body_idx")).toMatchObject({ type: "index", table: "items", entries: counts.items });
    expect(by("sqlite_autoindex_items_1")).toMatchObject({ type: "index", table: "items", entries: counts.items });
    // The 100 big rows left need two overflow pages each (9,000 bytes minus what stays on the leaf).
    expect(by("items").overflowPages).toBe(200);
    expect(by("pairs")).toMatchObject({ type: "table", entries: counts.pairs, overflowPages: 0 });
    for (const b of report.btrees) {
      expect(b.bytes).toBe((b.interiorPages + b.leafPages + b.overflowPages) * report.pageSize);
      expect(b.unused).toBeGreaterThanOrEqual(0);
      expect(b.unused).toBeLessThan(b.bytes);
    }
  });

  it("ignores a torn transaction: the database as of the commit before it", () => {
    const copy = path.join(dir, "torn.sqlite");
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
    // The delete's first frame cut in the middle, as a crash while writing it would leave it.
    expect(statSync(`${copy}-wal`).size).toBeGreaterThan(walBeforeDelete + 4096);
    truncateSync(`${copy}-wal`, walBeforeDelete + 2000);
    const torn = readSqliteFile(copy);
    expect(torn.walFrames).toBeLessThan(report.walFrames);
    expect(torn.btrees.find((b) => b.name === "items")!.entries).toBe(counts.items! + 100);
    const pages = torn.btrees.reduce((sum, b) => sum + b.interiorPages + b.leafPages + b.overflowPages, 0);
    expect(pages + torn.freelistPages).toBe(torn.pageCount);
  });
});
