import type { LocationQuery } from "vue-router";
import type { DashboardFilter, Drill } from "../bindings";

/**
 * What a list screen was opened with from the dashboard (首页): each figure's `drill` carries a
 * route name and a query (`year`, `programme`, `township`, `conclusion`); the list asks the core
 * for exactly those rows, so it shows the number that was clicked.
 */
export interface DrillQuery {
  filter: DashboardFilter;
  conclusion: string | null;
  /** Any filter beyond the programme: the list must ask the core's scoped query. */
  active: boolean;
}

function text(value: LocationQuery[string] | undefined): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === "string" && one !== "" ? one : null;
}

export function drillQuery(query: LocationQuery): DrillQuery {
  const year = text(query.year);
  const parsed = year === null ? NaN : Number.parseInt(year, 10);
  const filter: DashboardFilter = {
    year: Number.isFinite(parsed) ? parsed : null,
    programmeId: text(query.programme),
    townshipId: text(query.township),
  };
  const conclusion = text(query.conclusion);
  return {
    filter,
    conclusion,
    active: filter.year !== null || filter.townshipId !== null || conclusion !== null,
  };
}

/** The router location a figure clicks through to. */
export function drillLocation(drill: Drill): { name: string; query: Record<string, string> } {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(drill.query)) if (typeof value === "string") query[key] = value;
  return { name: drill.route, query };
}
