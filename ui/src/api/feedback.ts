import { computed, inject, provide, ref, type InjectionKey, type Ref } from "vue";
import { useI18n } from "vue-i18n";
import type { IpcError, Saved, Warning } from "../bindings";
import { fieldErrors, problemsOf, toIpcError } from "./errors";
import { errorMessage } from "./report";

/**
 * What the Rust side said about a form: a refusal (red, under the field it names) and the
 * warnings of a save that went through (yellow, under their fields). A message whose field is
 * not on the form is shown above the buttons instead, so nothing is ever dropped. The form's
 * fields are those its `FormField`s name (they `register` themselves) and `fields`, for a
 * message the form shows in a place of its own.
 */
export function useFeedback(fields: readonly string[] = []) {
  const shown = new Map<string, number>(fields.map((field) => [field, 1]));
  const onForm = (field: string) => (shown.get(field) ?? 0) > 0;
  /** A field now on the form; the function returned takes it off again. */
  function register(field: string) {
    shown.set(field, (shown.get(field) ?? 0) + 1);
    return () => void shown.set(field, (shown.get(field) ?? 1) - 1);
  }
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

  /** Every problem under its own field at once; those of no field on the form above the buttons. */
  function fail(error: unknown) {
    const ipc = toIpcError(error);
    const problems = problemsOf(ipc);
    errors.value = fieldErrors(ipc, onForm);
    const elsewhere = problems.filter((p) => !onForm(p.field)).map((p) => p.message);
    if (!problems.length) generalError.value = ipc.message;
    else generalError.value = elsewhere.join("\n");
    return ipc;
  }

  function warn(list: readonly Warning[]) {
    const byField: Record<string, string> = {};
    const other: string[] = [];
    for (const w of list) {
      if (onForm(w.field)) {
        byField[w.field] = byField[w.field] ? `${byField[w.field]}；${w.message}` : w.message;
      } else {
        other.push(w.message);
      }
    }
    warnings.value = byField;
    generalWarnings.value = other;
  }

  return { errors, warnings, generalError, generalWarnings, clear, fail, warn, register };
}

export type Feedback = ReturnType<typeof useFeedback>;

/** A form's feedback as its dialog and fields read it (`FormDialog`, `FormField`). */
export type FormState = Pick<Feedback, "errors" | "warnings" | "generalError" | "generalWarnings" | "register"> & {
  saving?: Ref<boolean>;
  savedWithWarnings?: Ref<boolean>;
  /** The dialog's title, when the form's state words it (`useRecordSave`). */
  title?: Ref<string>;
  /** The i18n section of the fields' labels: a field `x` is labelled `<labels>.x` unless given one. */
  labels?: string;
  /** The fields the core refuses empty: their `FormField`s carry the required mark. */
  required?: readonly string[];
};

const FEEDBACK: InjectionKey<FormState> = Symbol("feedback");

/** Hands a form's feedback to the `FormField`s inside the calling component. */
export function provideFeedback(state: FormState) {
  provide(FEEDBACK, state);
}

/** The feedback of the form a `FormField` stands in, if any. */
export function injectFeedback(): FormState | null {
  return inject(FEEDBACK, null);
}

/**
 * A form that sends something to the core: `saving` while `submit` runs, the refusal under its
 * field (or above the buttons); `submit` answers the refusal, or null when it went through.
 * `load` fills a list the form offers (operators, categories …); its failure shows above the buttons.
 */
export function useFormSave(fields: readonly string[] = []) {
  const feedback = useFeedback(fields);
  const saving = ref(false);

  async function submit(work: () => Promise<unknown>): Promise<IpcError | null> {
    saving.value = true;
    feedback.clear();
    try {
      await work();
      return null;
    } catch (e) {
      return feedback.fail(e);
    } finally {
      saving.value = false;
    }
  }

  async function load(work: () => Promise<unknown>) {
    try {
      await work();
    } catch (e) {
      feedback.generalError.value = errorMessage(e);
    }
  }

  return { ...feedback, saving, submit, load };
}

/**
 * The save of an add/edit dialog: add or update through the Rust side, then close — unless
 * the save raised warnings, which stay on screen next to their fields with the dialog open
 * (saving again updates the record just created instead of adding a second one).
 * With `texts`, the dialog's title and field labels come from the i18n section `labels`:
 * `<labels>.addTitle`, or `<labels>.editTitle` with the `title` parameters of the record edited.
 */
export function useRecordSave<R extends { id: string }, I>(
  initial: R | null,
  calls: {
    add: (input: I) => Promise<Saved<R>>;
    update: (id: string, input: I) => Promise<Saved<R>>;
  },
  /** The dialog's `emit`: `saved` with each record saved, `close` once saved without warnings. */
  emit: { (event: "saved", record: R): void; (event: "close"): void },
  texts?: { labels: string; title: (record: R) => Record<string, unknown> },
) {
  const { t } = useI18n();
  const form = useFormSave();
  const current = ref(initial) as Ref<R | null>;
  const savedWithWarnings = ref(false);

  async function save(input: I) {
    savedWithWarnings.value = false;
    await form.submit(async () => {
      const saved = current.value
        ? await calls.update(current.value.id, input)
        : await calls.add(input);
      current.value = saved.record;
      emit("saved", saved.record);
      if (saved.warnings.length) {
        form.warn(saved.warnings);
        savedWithWarnings.value = true;
      } else {
        emit("close");
      }
    });
  }

  const labels = texts?.labels;
  const title = computed(() => {
    if (!texts) return "";
    return initial ? t(`${texts.labels}.editTitle`, texts.title(initial)) : t(`${texts.labels}.addTitle`);
  });

  return { ...form, current, savedWithWarnings, save, labels, title };
}
