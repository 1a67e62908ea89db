import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";
import PlacesView from "./views/PlacesView.vue";
import ComingSoon from "./views/ComingSoon.vue";

/** Sections in menu order; all but Places arrive with later issues. */
export const SECTIONS = [
  "places",
  "households",
  "operators",
  "agreements",
  "inspections",
  "training",
  "notices",
  "sync",
  "print",
] as const;
export type Section = (typeof SECTIONS)[number];

const routes: RouteRecordRaw[] = [
  { path: "/", redirect: "/places" },
  { path: "/places", name: "places", component: PlacesView },
  ...SECTIONS.filter((s) => s !== "places").map((section) => ({
    path: `/${section}`,
    name: section,
    component: ComingSoon,
    props: { section },
  })),
];

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
