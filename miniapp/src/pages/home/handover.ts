/**
 * index.html paints the home page before the script arrives (miniapp/build/shell.ts). React's first render of
 * the home page replaces that copy in the same frame, and what the citizen already did in it carries over: the
 * code typed so far, the cursor in the field, a tap on "Quét mã QR".
 */
import { useEffect, useLayoutEffect, useState, type RefObject } from "react";

/** What the citizen left in the shell; null when there is no shell (inside Zalo, or after the first render). */
export type ShellState = { code: string; focused: boolean; selection: [number, number] | null };

/** Read while rendering, before React's first commit removes the shell; reading twice gives the same answer. */
export function readShell(): ShellState | null {
  const input = document.querySelector<HTMLInputElement>("[data-shell] #dossier-code");
  if (!input) return null;
  const focused = document.activeElement === input;
  const selection: [number, number] | null =
    focused && input.selectionStart !== null && input.selectionEnd !== null ? [input.selectionStart, input.selectionEnd] : null;
  return { code: input.value, focused, selection };
}

type ShellWindow = Window & { __motcuaShellScan?: boolean };

/** Whether "Quét mã QR" was tapped in the shell (index.html's inline script notes it); answers true once. */
export function takeShellScan(): boolean {
  const shellWindow = window as ShellWindow;
  const tapped = shellWindow.__motcuaShellScan === true;
  shellWindow.__motcuaShellScan = false;
  return tapped;
}

/**
 * For the lookup card: returns the code typed in the shell (to start the field with; "" when none), puts the
 * cursor back where it was in `field` before the first frame, and calls `scan` once if the shell's scan button
 * was tapped.
 */
export function useShellHandover(field: RefObject<HTMLInputElement>, scan: () => void): string {
  const [shell] = useState(readShell);
  useLayoutEffect(() => {
    const input = field.current;
    if (!shell?.focused || !input) return;
    input.focus();
    if (shell.selection) input.setSelectionRange(...shell.selection);
  }, [shell, field]);
  useEffect(() => {
    if (takeShellScan()) scan();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return shell?.code ?? "";
}
