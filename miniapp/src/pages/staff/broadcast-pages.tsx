/**
 * /staff/news, /staff/alerts, /staff/permissions, /staff/figures and the pages under them: one entry in the app's table of pages
 * (each entry there weighs on the citizen's first screen), each page still fetched only when opened.
 */
import { lazy, type ComponentType } from "react";
import { useRecoilValue } from "recoil";
import { locationState } from "../../state";
import NotFoundPage from "../not-found";

const PAGES: Record<string, ComponentType> = {
  "/staff/news": lazy(() => import("./news")),
  "/staff/news/edit": lazy(() => import("./news/edit")),
  "/staff/alerts": lazy(() => import("./alerts")),
  "/staff/alerts/compose": lazy(() => import("./alerts/compose")),
  "/staff/alerts/item": lazy(() => import("./alerts/item")),
  "/staff/permissions": lazy(() => import("./permissions")),
  "/staff/notices": lazy(() => import("./notices")),
  "/staff/figures": lazy(() => import("./figures")),
};

export default function StaffBroadcastPages() {
  const { path } = useRecoilValue(locationState);
  const Current = PAGES[path] ?? NotFoundPage;
  return <Current />;
}
