import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";
import DashboardView from "./views/DashboardView.vue";
import PlacesView from "./views/PlacesView.vue";
import ChecksView from "./views/ChecksView.vue";
import HouseholdsView from "./views/HouseholdsView.vue";
import HouseholdDetailView from "./views/HouseholdDetailView.vue";
import OperatorsView from "./views/OperatorsView.vue";
import AgreementsView from "./views/AgreementsView.vue";
import AgreementEditorView from "./views/AgreementEditorView.vue";
import ProgrammesView from "./views/ProgrammesView.vue";
import InspectionsView from "./views/InspectionsView.vue";
import InspectionWizardView from "./views/InspectionWizardView.vue";
import InspectionDetailView from "./views/InspectionDetailView.vue";
import TrainingView from "./views/TrainingView.vue";
import SignInView from "./views/SignInView.vue";
import SheetsView from "./views/SheetsView.vue";
import NoticesView from "./views/NoticesView.vue";
import PrintView from "./views/PrintView.vue";
import SyncView from "./views/SyncView.vue";
import FundsView from "./views/FundsView.vue";

/** Sections in menu order, each with its screen. */
export const SECTIONS = [
  "dashboard",
  "places",
  "programmes",
  "households",
  "operators",
  "agreements",
  "inspections",
  "training",
  "sheets",
  "notices",
  "funds",
  "checks",
  "sync",
  "print",
] as const;
export type Section = (typeof SECTIONS)[number];


export const routes: RouteRecordRaw[] = [
  { path: "/", redirect: "/dashboard" },
  { path: "/dashboard", name: "dashboard", component: DashboardView },
  { path: "/places", name: "places", component: PlacesView },
  { path: "/programmes", name: "programmes", component: ProgrammesView },
  { path: "/households", name: "households", component: HouseholdsView },
  { path: "/households/:id", name: "household", component: HouseholdDetailView, props: true },
  { path: "/operators", name: "operators", component: OperatorsView },
  { path: "/agreements", name: "agreements", component: AgreementsView },
  { path: "/agreements/:id", name: "agreement", component: AgreementEditorView, props: true },
  { path: "/inspections", name: "inspections", component: InspectionsView },
  { path: "/inspections/new", name: "inspection-new", component: InspectionWizardView },
  { path: "/inspections/:id", name: "inspection", component: InspectionDetailView, props: true },
  { path: "/inspections/:id/edit", name: "inspection-edit", component: InspectionWizardView, props: true },
  { path: "/training", name: "training", component: TrainingView },
  { path: "/training/:id", name: "training-session", component: SignInView, props: true },
  { path: "/sheets", name: "sheets", component: SheetsView },
  { path: "/notices", name: "notices", component: NoticesView },
  { path: "/funds", name: "funds", component: FundsView },
  { path: "/checks", name: "checks", component: ChecksView },
  { path: "/print", name: "print", component: PrintView },
  { path: "/sync", name: "sync", component: SyncView },
];

/** The menu entry a path belongs to: `/agreements/<id>` → `/agreements`. */
export function sectionPath(path: string): string {
  return `/${path.split("/")[1] ?? ""}`;
}

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
