import { ref, type Ref } from "vue";
import type { Saved, Warning } from "../bindings";
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

/**
 * The save of an add/edit dialog: add or update through the Rust side, then close — unless
 * the save raised warnings, which stay on screen next to their fields with the dialog open
 * (saving again updates the record just created instead of adding a second one).
 */
export function useRecordSave<R extends { id: string }, I>(
  fields: readonly string[],
  initial: R | null,
  calls: {
    add: (input: I) => Promise<Saved<R>>;
    update: (id: string, input: I) => Promise<Saved<R>>;
  },
  done: { saved: (record: R) => void; close: () => void },
) {
  const feedback = useFeedback(fields);
  const current = ref(initial) as Ref<R | null>;
  const saving = ref(false);
  const savedWithWarnings = ref(false);

  async function save(input: I) {
    saving.value = true;
    feedback.clear();
    savedWithWarnings.value = false;
    try {
      const saved = current.value
        ? await calls.update(current.value.id, input)
        : await calls.add(input);
      current.value = saved.record;
      done.saved(saved.record);
      if (saved.warnings.length) {
        feedback.warn(saved.warnings);
        savedWithWarnings.value = true;
      } else {
        done.close();
      }
    } catch (e) {
      feedback.fail(e);
    } finally {
      saving.value = false;
    }
  }

  return { ...feedback, current, saving, savedWithWarnings, save };
}
