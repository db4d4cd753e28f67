/** Where the citizen is in the app: the address, followed through the browser's history. */
import { atom, type AtomEffect } from "recoil";
import { detectBasename, readLocation, type AppLocation } from "../navigation/location";

export const basename = detectBasename(window.location.pathname);

let arrivals = 0;
/** Numbers each arrival on a page; called when the address changes, never while rendering. */
export const nextArrival = () => ++arrivals;

const followHistory: AtomEffect<AppLocation> = ({ setSelf }) => {
  const onPopState = (event: PopStateEvent) => setSelf(readLocation(window.location, basename, event.state, nextArrival()));
  window.addEventListener("popstate", onPopState);
  return () => window.removeEventListener("popstate", onPopState);
};

export const locationState = atom<AppLocation>({
  key: "location",
  default: readLocation(window.location, basename, window.history.state),
  effects: [followHistory],
});
