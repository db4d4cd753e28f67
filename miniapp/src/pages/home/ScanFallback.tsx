import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { Button } from "zmp-ui";
import { InlineAlert } from "../../components/Notice";
import { messages } from "../../messages";
import { canReadQrFromPhoto, readQrFromPhoto } from "../../platform";

/**
 * Outside Zalo there is no in-app camera scanner: the citizen types the code printed under the QR, or picks a
 * photo of the QR when this browser can decode one.
 */
export function ScanFallback({
  onType,
  onScanned,
  onProblem,
  onClose,
}: {
  onType: () => void;
  onScanned: (content: string) => void;
  onProblem: (message: string) => void;
  onClose: () => void;
}) {
  const m = messages.scanFallback;
  const [photoSupported, setPhotoSupported] = useState<boolean | null>(null);
  const [reading, setReading] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void canReadQrFromPhoto().then((supported) => live && setPhotoSupported(supported));
    panelRef.current?.focus();
    return () => {
      live = false;
    };
  }, []);

  const onPhoto = async (event: ChangeEvent<HTMLInputElement>) => {
    const photo = event.target.files?.[0];
    event.target.value = "";
    if (!photo) return;
    setReading(true);
    const content = await readQrFromPhoto(photo);
    setReading(false);
    if (content === null) onProblem(m.photoNoCode);
    else onScanned(content);
  };

  return (
    <div className="scan-fallback" role="region" aria-label={m.title} tabIndex={-1} ref={panelRef}>
      <p>{m.body}</p>
      <div className="actions">
        <Button fullWidth size="large" variant="secondary" onClick={onType}>
          {m.typeCode}
        </Button>
        {photoSupported && (
          <>
            <Button fullWidth size="large" variant="secondary" loading={reading} onClick={() => fileRef.current?.click()}>
              {m.choosePhoto}
            </Button>
            <input ref={fileRef} type="file" accept="image/*" hidden onChange={onPhoto} />
          </>
        )}
        {photoSupported === false && <InlineAlert tone="info">{m.photoUnsupported}</InlineAlert>}
        <Button fullWidth size="large" variant="tertiary" type="neutral" onClick={onClose}>
          {m.close}
        </Button>
      </div>
    </div>
  );
}
