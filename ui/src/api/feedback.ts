import { ref } from "vue";
import type { Warning } from "../bindings";
import { fieldErrors, toIpcError } from "./errors";

/**
 * What the Rust side said about a form: a refusal (red, under the field it names) and the
 * warnings of a save that went through (yellow, under their fields). A message whose field is
 * not on the form is shown above the buttons instead, so nothing is ever dropped.
 */
export function useFeedback(fields: readonly string[]) {
  const errors = ref<Record<string, string>>({});
  const warnings = ref<Record<string, string>>({});
  const generalError = ref("");
  const generalWarnings = ref<string[]>([]);

  function clear() {
    errors.value = {};
    warnings.value = {};
    generalError.value = "";
    generalWarnings.value = [];
  }

  function fail(error: unknown) {
    const ipc = toIpcError(error);
    if (ipc.field && fields.includes(ipc.field)) errors.value = fieldErrors(ipc);
    else generalError.value = ipc.message;
    return ipc;
  }

  function warn(list: readonly Warning[]) {
    const byField: Record<string, string> = {};
    const other: string[] = [];
    for (const w of list) {
      if (fields.includes(w.field)) {
        byField[w.field] = byField[w.field] ? `${byField[w.field]}；${w.message}` : w.message;
      } else {
        other.push(w.message);
      }
    }
    warnings.value = byField;
    generalWarnings.value = other;
  }

  return { errors, warnings, generalError, generalWarnings, clear, fail, warn };
}
