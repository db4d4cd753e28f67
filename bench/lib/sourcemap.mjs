// Minimal source map reader (v3, no sections): generated line/column -> original source and line.
import { readFileSync } from "node:fs";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

function decodeSegment(text) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = DIGIT.get(c);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export function loadSourceMap(file) {
  const map = JSON.parse(readFileSync(file, "utf8"));
  const lines = [];
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  for (const lineText of map.mappings.split(";")) {
    const segments = [];
    let genCol = 0;
    if (lineText) {
      for (const segText of lineText.split(",")) {
        const seg = decodeSegment(segText);
        genCol += seg[0];
        if (seg.length >= 4) {
          source += seg[1];
          origLine += seg[2];
          origCol += seg[3];
          segments.push([genCol, source, origLine, origCol]);
        }
      }
    }
    lines.push(segments);
  }
  return {
    sources: map.sources,
    /** 0-based line and column in the generated file -> { source, line (1-based) } or null. */
    lookup(line, column) {
      const segments = lines[line];
      if (!segments || segments.length === 0) return null;
      let lo = 0;
      let hi = segments.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (segments[mid][0] <= column) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const seg = segments[found === -1 ? 0 : found];
      return { source: map.sources[seg[1]], line: seg[2] + 1 };
    },
  };
}
