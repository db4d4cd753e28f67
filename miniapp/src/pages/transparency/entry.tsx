/**
 * /transparency as the app's table of pages loads it: this small module, which loads the page. The page shares its
 * charts and styles with the staff figures, so imported directly its several files would each be named in the
 * first screen's script; through here, that script names one.
 */
import { lazy } from "react";

const TransparencyPage = lazy(() => import("./index"));

export default function TransparencyEntry() {
  return <TransparencyPage />;
}
