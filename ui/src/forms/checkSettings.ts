import type { ProductSeason, Thresholds } from "../bindings";

/**
 * The 核查设置 tab's logic, kept out of the components so it can be tested: which thresholds
 * each check family shows, the venue table as rows and back, and going back to the defaults.
 * The rules (what each number may be, a season's days) are the core's: its messages come back
 * under the fields they name (`venueCapacity` and `productSeasons` for the two tables).
 */

/** A number of the thresholds (every field but the venue table). */
export type NumberField = Exclude<keyof Thresholds, "venueCapacity">;

/** One check family of the form: its fields in order, and whether it holds a table. */
export interface SettingsGroup {
  family: "F2" | "F4" | "F5" | "F7" | "F8" | "F9" | "F11";
  fields: readonly NumberField[];
  table?: "venueCapacity" | "productSeasons";
}

export const GROUPS: readonly SettingsGroup[] = [
  { family: "F2", fields: ["operatorsPerHousehold"] },
  {
    family: "F4",
    fields: ["longCourseDays", "fullAttendanceMinTrainees", "identicalRosterMin"],
    table: "venueCapacity",
  },
  { family: "F5", fields: ["traineesPerPhone", "phoneRunMin", "idOrderMin", "sharedBirthdayMin"] },
  { family: "F7", fields: ["traineeAgeMin", "traineeAgeMax", "signerAgeMin"] },
  { family: "F8", fields: ["roundAmountMinHouseholds", "roundAmountYuan"], table: "productSeasons" },
  { family: "F9", fields: ["noticeMinDays", "inspectorDistanceKm"] },
  { family: "F11", fields: ["callbackShare"] },
];

/** Every field the form shows, for its feedback (a message naming another goes above the button). */
export const SETTINGS_FIELDS: readonly string[] = GROUPS.flatMap((g) => [...g.fields, ...(g.table ? [g.table] : [])]);

/** A venue as the table edits it: its name and seats (null while the box is empty). */
export interface VenueRow {
  name: string;
  seats: number | null;
}

/** The county's venues as table rows, by name. */
export function venueRows(venues: Thresholds["venueCapacity"]): VenueRow[] {
  return Object.entries(venues).map(([name, seats]) => ({ name, seats: seats ?? null }));
}

/**
 * The rows as the core takes them (name → seats). A name typed twice stays twice — the repeat
 * gets trailing spaces, which the core trims — so the core refuses it (`CHECK_VENUE`) instead
 * of the second row silently replacing the first. Empty seats go as 0, which the core refuses.
 */
export function venueMap(rows: readonly VenueRow[]): Record<string, number> {
  const map: Record<string, number> = {};
  for (const row of rows) {
    let name = row.name;
    while (name in map) name += " ";
    map[name] = row.seats ?? 0;
  }
  return map;
}

/** The form as the core takes it: the numbers, the venues and the seasons as typed. */
export function settingsInput(numbers: Record<NumberField, number | null>, venues: readonly VenueRow[], seasons: readonly ProductSeason[]) {
  const thresholds = { venueCapacity: venueMap(venues) } as Thresholds;
  for (const field of Object.keys(numbers) as NumberField[]) thresholds[field] = numbers[field] ?? 0;
  return { thresholds, seasons: seasons.map((s) => ({ product: s.product, from: s.from, to: s.to })) };
}

/** The numbers of a set of thresholds, as the form holds them. */
export function numbersOf(thresholds: Thresholds): Record<NumberField, number | null> {
  const numbers = {} as Record<NumberField, number | null>;
  for (const field of GROUPS.flatMap((g) => g.fields)) numbers[field] = thresholds[field];
  return numbers;
}

/** Whether a season wraps over the new year (11-15 → 02-28): its start after its end. */
export function wrapsNewYear(season: Pick<ProductSeason, "from" | "to">): boolean {
  const key = (text: string) => {
    const m = text.trim().match(/^(\d{1,2})\D+(\d{1,2})/);
    return m ? Number(m[1]) * 100 + Number(m[2]) : null;
  };
  const from = key(season.from);
  const to = key(season.to);
  return from !== null && to !== null && from > to;
}
