import type { LinkageMode, OperatorKind, PriceRule } from "../bindings";

/** The enum values in the order forms offer them; their labels are in i18n `labels.*`. */
export const OPERATOR_KINDS: readonly OperatorKind[] = [
  "demo_shop",
  "enterprise",
  "cooperative",
  "supply_centre",
  "service_station",
  "training_provider",
];

export const LINKAGE_MODES: readonly LinkageMode[] = [
  "protective_purchase",
  "sale_on_behalf",
  "employment",
  "dividend",
  "land_lease",
  "training",
];

export const PRICE_RULES: readonly PriceRule[] = ["none", "fixed", "market_plus"];
