import { onMounted, ref, type Ref } from "vue";
import { useI18n } from "vue-i18n";
import { ElMessage } from "element-plus";
import { commands, type TownshipSummary } from "../bindings";
import { errorMessage, reportError } from "./report";

/**
 * Data a screen shows from the core: `load()` fetches it with `loading` on, and only the answer
 * to the latest call fills `data` (an older one that arrives late is dropped). A failure is shown
 * as a message (`report`, the default) or kept in `error` for the screen to show in place.
 */
export function useLoader<T>(
  fetch: () => Promise<T>,
  initial: T,
  options: { report?: boolean; immediate?: boolean } = {},
) {
  const data = ref(initial) as Ref<T>;
  const loading = ref(false);
  const error = ref("");
  let latest = 0;

  async function load() {
    const call = ++latest;
    loading.value = true;
    try {
      const value = await fetch();
      if (call !== latest) return;
      data.value = value;
      error.value = "";
    } catch (e) {
      if (call !== latest) return;
      if (options.report === false) error.value = errorMessage(e);
      else reportError(e);
    } finally {
      if (call === latest) loading.value = false;
    }
  }

  if (options.immediate) onMounted(load);
  return { data, loading, error, load };
}

/**
 * A list screen's records, loaded when the screen opens (`useLoader`). `saved(name)` is for the
 * screen's add/edit dialog: it says the record was saved (已保存：name) and loads the list again.
 */
export function useListLoader<T>(fetch: () => Promise<T>, initial: T) {
  const { t } = useI18n();
  const list = useLoader(fetch, initial, { immediate: true });
  function saved(name: string) {
    ElMessage.success(t("common.saved", { name }));
    void list.load();
  }
  return { ...list, saved };
}

/** The county's townships, loaded when the screen opens (for filters and pickers). */
export function useTownships(options: { report?: boolean } = {}) {
  const { data, error, load } = useLoader<TownshipSummary[]>(() => commands.listTownships(), [], {
    ...options,
    immediate: true,
  });
  return { townships: data, error, load };
}

/**
 * One action on the core (export, verify, enroll …): `busy` while it runs, the core's message in
 * `error` when it fails (or shown as a message with `report`). `run` answers whether it went through.
 */
export function useAction(options: { report?: boolean } = {}) {
  const busy = ref(false);
  const error = ref("");

  async function run(work: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    error.value = "";
    try {
      await work();
      return true;
    } catch (e) {
      if (options.report) reportError(e);
      else error.value = errorMessage(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
