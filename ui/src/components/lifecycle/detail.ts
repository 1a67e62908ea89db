import { computed, ref } from "vue";
import type { RecordState } from "../../bindings";

/**
 * Where a record on a detail page is in its life. The page shows its status from the record it
 * read; after 提交 / 锁定 it reads the record again (`reload`). A voided record can no longer be
 * read (detail reads answer live records only), so after 作废 the page keeps what it shows and
 * takes the status and reason from the core's answer. Locked and voided records are read-only.
 */
export function useDetailLifecycle(
  record: () => { id: string; status: string } | null | undefined,
  reload: () => unknown,
) {
  const voided = ref<RecordState | null>(null);
  // A page that opens another record (the notices screen) forgets the last one's void.
  const isVoided = computed(() => voided.value !== null && voided.value.id === record()?.id);
  const status = computed(() => (isVoided.value ? "voided" : (record()?.status ?? "draft")));
  const readOnly = computed(() => status.value === "locked" || status.value === "voided");
  const voidReason = computed(() => (isVoided.value ? (voided.value?.voidReason ?? "") : ""));

  function changed(state: RecordState) {
    if (state.status === "voided") voided.value = state;
    else void reload();
  }

  return { status, readOnly, voidReason, changed };
}
