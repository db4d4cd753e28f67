/**
 * A QR code drawn as SVG (sharp at any size and on any screen), with the 4-module quiet zone scanners need, large
 * enough to scan from another phone. The encoder (the one the worker draws slips with, error correction M) loads
 * on demand, so only a screen that shows a QR downloads it.
 */
import { useEffect, useState } from "react";

type Drawn = { text: string; size: number; path: string };

const QUIET_ZONE = 4;

export function QrCode({
  text,
  label,
  loadingText,
  failedText,
  pixels = 256,
}: {
  text: string;
  /** What the code is, for screen readers ("Mã QR chuyển khoản …"). */
  label: string;
  loadingText: string;
  /** Shown when the encoder cannot be loaded (offline before it was ever downloaded) or the text cannot be encoded. */
  failedText: string;
  pixels?: number;
}) {
  const [drawn, setDrawn] = useState<Drawn | "failed" | null>(null);

  useEffect(() => {
    let current = true;
    import("../../../worker/src/slip/qr")
      .then(({ qrPath }) => {
        const { size, path } = qrPath(text);
        if (current) setDrawn({ text, size, path });
      })
      .catch(() => {
        if (current) setDrawn("failed");
      });
    return () => {
      current = false;
    };
  }, [text]);

  if (drawn === "failed") return <p className="qr-failed">{failedText}</p>;
  if (!drawn || drawn.text !== text) {
    return (
      <div className="qr-code qr-loading" style={{ width: pixels, height: pixels }} role="status">
        {loadingText}
      </div>
    );
  }
  const span = drawn.size + 2 * QUIET_ZONE;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={pixels}
      height={pixels}
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${span} ${span}`}
      shapeRendering="crispEdges"
    >
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={span} height={span} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
