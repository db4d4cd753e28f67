/** Browser fallbacks for what Zalo provides natively: storage, reading a QR code from a photo, calling a number. */

type DetectedBarcode = { rawValue: string };
type BarcodeDetectorInstance = { detect(source: ImageBitmapSource): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = {
  new (options?: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
};

/** The Shape Detection API (Chrome on Android has it): decodes a QR code from a photo with no library. */
function barcodeDetector(): BarcodeDetectorClass | undefined {
  return (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
}

export async function canReadQrFromPhoto(): Promise<boolean> {
  const Detector = barcodeDetector();
  if (!Detector || typeof createImageBitmap !== "function") return false;
  try {
    return (await Detector.getSupportedFormats()).includes("qr_code");
  } catch {
    return false;
  }
}

/** The text of the first QR code in the photo, or null when there is none (or nothing can decode it here). */
export async function readQrFromPhoto(photo: Blob): Promise<string | null> {
  const Detector = barcodeDetector();
  if (!Detector) return null;
  try {
    const bitmap = await createImageBitmap(photo);
    const codes = await new Detector({ formats: ["qr_code"] }).detect(bitmap);
    return codes[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

/** localStorage, or memory when the browser refuses it (private mode, storage disabled). */
const memory = new Map<string, string>();
export const storage = {
  getItem(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null;
    }
  },
  setItem(key: string, value: string): void {
    try {
      localStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  },
  removeItem(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      memory.delete(key);
    }
  },
};

export function call(phoneNumber: string): void {
  window.location.href = `tel:${phoneNumber.replace(/[^\d+]/g, "")}`;
}

/** The Clipboard API where the page may use it, else the old select-and-copy way. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

export function brand(color: string): void {
  document.querySelector('meta[name="theme-color"]')?.setAttribute("content", color);
}
