/**
 * A small history-based router over `locationState`: the app has five pages, so this replaces zmp-ui's
 * ZMPRouter (react-router) with a few lines that also work under Zalo's /zapps/<id>/ prefix and at / in a browser.
 * Zalo's back button and Android's back key move through the webview's history, which this follows.
 */
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from "react";
import { useRecoilCallback } from "recoil";
import { basename, locationState, nextArrival } from "../state";
import { readLocation } from "./location";

export type NavigateOptions = { replace?: boolean };

export function useNavigate(): (to: string, options?: NavigateOptions) => void {
  return useRecoilCallback(
    ({ snapshot, set }) =>
      (to: string, options: NavigateOptions = {}) => {
        const current = snapshot.getLoadable(locationState).getValue();
        const state = { index: options.replace ? current.index : current.index + 1 };
        const url = `${basename}${to}`;
        if (options.replace) window.history.replaceState(state, "", url);
        else window.history.pushState(state, "", url);
        // Replacing the address (dropping a used token, a new search) is not a new arrival on the page.
        set(locationState, readLocation(window.location, basename, state, options.replace ? current.key : nextArrival()));
        if (!options.replace) window.scrollTo(0, 0);
      },
    [],
  );
}

/** Back within the app; when the app was opened on this page (a deep link), "back" goes to the home page. */
export function useGoBack(): () => void {
  const navigate = useNavigate();
  return useRecoilCallback(
    ({ snapshot }) =>
      () => {
        if (snapshot.getLoadable(locationState).getValue().index > 0) window.history.back();
        else navigate("/", { replace: true });
      },
    [navigate],
  );
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string; children: ReactNode };

/** A real link (long-press and screen readers see an address) that navigates inside the app. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const navigate = useNavigate();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${basename}${to}`} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
