/**
 * Reads a SQLite database file as it lies on disk, with its write-ahead log, without SQLite: what local D1 keeps
 * (Miniflare's workerd leaves committed pages in the `-wal` file until a checkpoint), and what D1 refuses to tell
 * through its API (`PRAGMA page_count` and `freelist_count` are not authorised, `dbstat` is not compiled in,
 * `VACUUM` cannot run inside its transaction). Gives what `dbstat` would: every table's and index's b-tree pages
 * (interior, leaf, overflow), the bytes of them left unused, and the entries on their leaves; and the file's pages,
 * those on the free list, and the bytes in use (page count × page size minus the free list: the honest size).
 *
 * The format: https://www.sqlite.org/fileformat2.html. Read-only, page by page (positional reads), so a file of
 * gigabytes is walked without loading it. Every page is a b-tree's or the free list's, but for the lock-byte page of
 * a file past 1 GiB (and pointer-map pages, which only auto-vacuum databases have; D1's have none).
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import path from "node:path";

export type BtreeStats = {
  /** The table's or index's name; `sqlite_schema` for the schema itself. */
  name: string;
  type: "table" | "index";
  /** The table an index belongs to (its own name for a table). */
  table: string;
  rootPage: number;
  interiorPages: number;
  leafPages: number;
  overflowPages: number;
  /** All of its pages × page size. */
  bytes: number;
  /** Bytes of its pages holding nothing: gaps, freeblocks, fragments, the unused tail of overflow pages. */
  unused: number;
  /** Rows of a table, entries of an index (a WITHOUT ROWID table is stored as one). */
  entries: number;
};

export type SqliteFileReport = {
  pageSize: number;
  /** Pages in the database as of the last commit (the WAL's, when it has one). */
  pageCount: number;
  freelistPages: number;
  /** pageCount × pageSize: the database's size. */
  bytes: number;
  /** (pageCount − freelistPages) × pageSize: the size once the free pages are given back, as VACUUM would. */
  inUseBytes: number;
  /** Committed frames read from the WAL (0 without one). */
  walFrames: number;
  btrees: BtreeStats[];
};

/** Reads one page (1-based) of the database: the WAL's latest committed copy, else the main file's. */
type PageReader = (page: number) => Buffer;

/** A SQLite varint at `offset`: its value (as a number: payload sizes and rowids here stay far below 2^53) and length. */
export function readVarint(buf: Buffer, offset: number): { value: number; length: number } {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[offset + i]!;
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return { value, length: i + 1 };
  }
  return { value: value * 256 + buf[offset + 8]!, length: 9 };
}

/**
 * How many of a cell's `payload` bytes are stored on its b-tree page (the rest spills to overflow pages), for a page
 * whose usable size is `usable`: the rule of section 1.6 of the file format.
 */
export function localPayload(payload: number, usable: number, tableLeaf: boolean): number {
  const maxLocal = tableLeaf ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
  if (payload <= maxLocal) return payload;
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
  const k = minLocal + ((payload - minLocal) % (usable - 4));
  return k <= maxLocal ? k : minLocal;
}

/** The values of a record (the format rows and index entries are stored in), up to `columns` of them. */
export function decodeRecord(buf: Buffer, columns = Number.POSITIVE_INFINITY): (number | string | Buffer | null)[] {
  const header = readVarint(buf, 0);
  const types: number[] = [];
  for (let at = header.length; at < header.value && types.length < columns; ) {
    const t = readVarint(buf, at);
    types.push(t.value);
    at += t.length;
  }
  const values: (number | string | Buffer | null)[] = [];
  let at = header.value;
  for (const t of types) {
    if (t === 0) values.push(null);
    else if (t >= 1 && t <= 6) {
      const size = [0, 1, 2, 3, 4, 6, 8][t]!;
      values.push(size === 8 ? Number(buf.readBigInt64BE(at)) : buf.readIntBE(at, size));
      at += size;
    } else if (t === 7) {
      values.push(buf.readDoubleBE(at));
      at += 8;
    } else if (t === 8 || t === 9) values.push(t - 8);
    else {
      const size = Math.floor((t - 12) / 2);
      values.push(t % 2 === 0 ? buf.subarray(at, at + size) : buf.toString("utf8", at, at + size));
      at += size;
    }
  }
  return values;
}

// ---------------------------------------------------------------------------------------------------------------
// The WAL: the latest committed copy of each page, and the database's size at the last commit.

type Wal = { frames: Map<number, number>; pageCount: number | null; committed: number };

function walChecksum(data: Buffer, bigEndian: boolean, seed: [number, number]): [number, number] {
  let [s0, s1] = seed;
  for (let i = 0; i < data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/** The frames of a WAL file that belong to committed transactions: a frame counts when its salts and running
 * checksum match, and only up to the last commit frame (a torn or stale tail is ignored, as SQLite ignores it). */
function readWal(fd: number, size: number, pageSize: number): Wal {
  const empty: Wal = { frames: new Map(), pageCount: null, committed: 0 };
  if (size < 32) return empty;
  const header = Buffer.alloc(32);
  readSync(fd, header, 0, 32, 0);
  const magic = header.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return empty;
  if (header.readUInt32BE(8) !== pageSize) return empty;
  const bigEndian = (magic & 1) === 1;
  let sum = walChecksum(header.subarray(0, 24), bigEndian, [0, 0]);
  if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return empty;
  const salt1 = header.readUInt32BE(16);
  const salt2 = header.readUInt32BE(20);
  const frameSize = 24 + pageSize;
  const frame = Buffer.alloc(frameSize);
  const pending = new Map<number, number>();
  const frames = new Map<number, number>();
  let pageCount: number | null = null;
  let committed = 0;
  for (let n = 0, offset = 32; offset + frameSize <= size; n++, offset += frameSize) {
    readSync(fd, frame, 0, frameSize, offset);
    if (frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break;
    sum = walChecksum(frame.subarray(24), bigEndian, walChecksum(frame.subarray(0, 8), bigEndian, sum));
    if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
    pending.set(frame.readUInt32BE(0), offset + 24);
    const commitSize = frame.readUInt32BE(4);
    if (commitSize > 0) {
      for (const [page, at] of pending) frames.set(page, at);
      pending.clear();
      pageCount = commitSize;
      committed = n + 1;
    }
  }
  return { frames, pageCount, committed };
}

// ---------------------------------------------------------------------------------------------------------------
// B-trees

/** Walks the b-tree rooted at `root`, adding up its pages, unused bytes and leaf entries. */
function walkBtree(read: PageReader, root: number, pageSize: number, usable: number, stats: BtreeStats, seen: Set<number>) {
  const stack = [root];
  while (stack.length > 0) {
    const pageNo = stack.pop()!;
    if (seen.has(pageNo)) throw new Error(`page ${pageNo} is reached twice: not a well-formed database`);
    seen.add(pageNo);
    const page = read(pageNo);
    const at = pageNo === 1 ? 100 : 0;
    const kind = page[at]!;
    const interior = kind === 2 || kind === 5;
    if (![2, 5, 10, 13].includes(kind)) throw new Error(`page ${pageNo} is not a b-tree page (type ${kind})`);
    const cells = page.readUInt16BE(at + 3);
    const contentStart = page.readUInt16BE(at + 5) || 65536;
    const headerSize = interior ? 12 : 8;
    let unused = contentStart - (at + headerSize + 2 * cells) + page[at + 7]! + (pageSize - usable);
    for (let free = page.readUInt16BE(at + 1); free !== 0; free = page.readUInt16BE(free)) unused += page.readUInt16BE(free + 2);
    stats.bytes += pageSize;
    stats.unused += unused;
    if (interior) {
      stats.interiorPages++;
      stack.push(page.readUInt32BE(at + 8));
      // An index's interior cells are entries too (a table's are only rowids that divide its children).
      if (kind === 2) stats.entries += cells;
    } else {
      stats.leafPages++;
      stats.entries += cells;
    }
    for (let i = 0; i < cells; i++) {
      let cell = page.readUInt16BE(at + headerSize + 2 * i);
      if (interior) {
        stack.push(page.readUInt32BE(cell));
        cell += 4;
        if (kind === 5) continue; // a table's interior cell: child and rowid, no payload
      }
      const payload = readVarint(page, cell);
      cell += payload.length;
      if (kind === 13) cell += readVarint(page, cell).length; // the rowid
      const local = localPayload(payload.value, usable, kind === 13);
      if (local < payload.value) walkOverflow(read, page.readUInt32BE(cell + local), payload.value - local, pageSize, usable, stats, seen);
    }
  }
}

function walkOverflow(read: PageReader, first: number, remaining: number, pageSize: number, usable: number, stats: BtreeStats, seen: Set<number>) {
  for (let pageNo = first; pageNo !== 0 && remaining > 0; ) {
    if (seen.has(pageNo)) throw new Error(`overflow page ${pageNo} is reached twice: not a well-formed database`);
    seen.add(pageNo);
    const held = Math.min(remaining, usable - 4);
    stats.overflowPages++;
    stats.bytes += pageSize;
    stats.unused += pageSize - 4 - held;
    remaining -= held;
    pageNo = remaining > 0 ? read(pageNo).readUInt32BE(0) : 0;
  }
}

/** The payload of the cell `i` of a table leaf page, following its overflow chain. */
function tableLeafPayload(read: PageReader, page: Buffer, at: number, i: number, usable: number): Buffer {
  let cell = page.readUInt16BE(at + 8 + 2 * i);
  const payload = readVarint(page, cell);
  cell += payload.length;
  cell += readVarint(page, cell).length;
  const local = localPayload(payload.value, usable, true);
  const parts = [page.subarray(cell, cell + local)];
  let remaining = payload.value - local;
  for (let next = remaining > 0 ? page.readUInt32BE(cell + local) : 0; next !== 0 && remaining > 0; ) {
    const overflow = read(next);
    const held = Math.min(remaining, usable - 4);
    parts.push(overflow.subarray(4, 4 + held));
    remaining -= held;
    next = overflow.readUInt32BE(0);
  }
  return Buffer.concat(parts);
}

type SchemaEntry = { type: string; name: string; table: string; rootPage: number };

/** The rows of sqlite_schema (the b-tree rooted at page 1) that own a b-tree. */
function readSchema(read: PageReader, usable: number): SchemaEntry[] {
  const entries: SchemaEntry[] = [];
  const stack = [1];
  while (stack.length > 0) {
    const pageNo = stack.pop()!;
    const page = read(pageNo);
    const at = pageNo === 1 ? 100 : 0;
    const cells = page.readUInt16BE(at + 3);
    if (page[at] === 5) {
      stack.push(page.readUInt32BE(at + 8));
      for (let i = 0; i < cells; i++) stack.push(page.readUInt32BE(page.readUInt16BE(at + 12 + 2 * i)));
      continue;
    }
    for (let i = 0; i < cells; i++) {
      const [type, name, table, rootPage] = decodeRecord(tableLeafPayload(read, page, at, i, usable), 4);
      if ((type === "table" || type === "index") && typeof rootPage === "number" && rootPage > 0) {
        entries.push({ type, name: String(name), table: String(table), rootPage });
      }
    }
  }
  return entries;
}

/** Every page on the free list: trunk pages and the leaf pages they list. */
function freelistPages(read: PageReader, firstTrunk: number): number {
  let pages = 0;
  for (let trunk = firstTrunk; trunk !== 0; ) {
    const page = read(trunk);
    pages += 1 + page.readUInt32BE(4);
    trunk = page.readUInt32BE(0);
  }
  return pages;
}

// ---------------------------------------------------------------------------------------------------------------

/** Reads `file` (and `file`-wal beside it, if any) and reports its pages by table and index. */
export function readSqliteFile(file: string): SqliteFileReport {
  const fd = openSync(file, "r");
  const walFile = `${file}-wal`;
  const walFd = existsSync(walFile) ? openSync(walFile, "r") : null;
  try {
    const head = Buffer.alloc(100);
    readSync(fd, head, 0, 100, 0);
    if (head.toString("latin1", 0, 16) !== "SQLite format 3\0") throw new Error(`${file} is not a SQLite database`);
    const rawSize = head.readUInt16BE(16);
    const pageSize = rawSize === 1 ? 65536 : rawSize;
    const wal = walFd === null ? null : readWal(walFd, fstatSync(walFd).size, pageSize);
    const read: PageReader = (pageNo) => {
      const page = Buffer.alloc(pageSize);
      const walAt = wal?.frames.get(pageNo);
      if (walAt !== undefined) readSync(walFd!, page, 0, pageSize, walAt);
      else readSync(fd, page, 0, pageSize, (pageNo - 1) * pageSize);
      return page;
    };
    const first = read(1);
    const usable = pageSize - first[20]!;
    const headerCount = first.readUInt32BE(28);
    const headerValid = headerCount > 0 && first.readUInt32BE(24) === first.readUInt32BE(92);
    const pageCount = wal?.pageCount ?? (headerValid ? headerCount : Math.floor(fstatSync(fd).size / pageSize));
    const free = freelistPages(read, first.readUInt32BE(32));
    if (free !== first.readUInt32BE(36)) throw new Error(`the free list holds ${free} pages, the header says ${first.readUInt32BE(36)}`);

    const seen = new Set<number>();
    const blank = (name: string, type: "table" | "index", table: string, rootPage: number): BtreeStats => ({
      name,
      type,
      table,
      rootPage,
      interiorPages: 0,
      leafPages: 0,
      overflowPages: 0,
      bytes: 0,
      unused: 0,
      entries: 0,
    });
    const btrees = [blank("sqlite_schema", "table", "sqlite_schema", 1)];
    for (const e of readSchema(read, usable)) btrees.push(blank(e.name, e.type as "table" | "index", e.table, e.rootPage));
    for (const b of btrees) walkBtree(read, b.rootPage, pageSize, usable, b, seen);
    return {
      pageSize,
      pageCount,
      freelistPages: free,
      bytes: pageCount * pageSize,
      inUseBytes: (pageCount - free) * pageSize,
      walFrames: wal?.committed ?? 0,
      btrees,
    };
  } finally {
    closeSync(fd);
    if (walFd !== null) closeSync(walFd);
  }
}

/** The one database file Miniflare keeps for a local D1 under `persistDir` (its `miniflare-D1DatabaseObject`). */
export function findD1File(persistDir: string): string {
  const dir = path.join(persistDir, "miniflare-D1DatabaseObject");
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one D1 database under ${dir}, found ${files.length}`);
  return path.join(dir, files[0]!);
}
