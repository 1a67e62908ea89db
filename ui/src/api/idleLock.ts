import { onBeforeUnmount, watch, type Ref } from "vue";

/** What counts as the officer being there: keyboard, mouse and touch in the window. */
export const ACTIVITY_EVENTS = ["keydown", "mousedown", "mousemove", "wheel", "touchstart", "scroll"] as const;

/**
 * The idle lock's clock: `onIdle` runs once `seconds` pass without input in the window (0 =
 * never: a plain database or the demo). Any input starts the count again; a change of `seconds`
 * (another database opened, the county's setting) too. The backend does the locking.
 */
export function useIdleLock(seconds: Ref<number>, onIdle: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;

  function restart() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (seconds.value > 0) timer = setTimeout(onIdle, seconds.value * 1000);
  }

  for (const event of ACTIVITY_EVENTS) window.addEventListener(event, restart, { capture: true, passive: true });
  watch(seconds, restart, { immediate: true });
  onBeforeUnmount(() => {
    if (timer !== undefined) clearTimeout(timer);
    for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, restart, { capture: true });
  });
}
