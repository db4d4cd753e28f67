// qrcode's core encoder is plain JavaScript with no Node built-ins; its server entry pulls in fs and PNG.
// @ts-expect-error -- the package ships no types for its internals
import { create } from "qrcode/lib/core/qrcode.js";

type QrMatrix = { size: number; data: Uint8Array };

/** The QR's dark modules as one SVG path in module units (0..size), for embedding in any drawing. */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: "M" }) as { modules: QrMatrix };
  let path = "";
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.data[row * modules.size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.data[row * modules.size + col]) col++;
      path += `M${start} ${row}h${col - start}v1h${start - col}z`;
    }
  }
  return { size: modules.size, path };
}
