import { ref } from "vue";
import { commands, type BackupStatus } from "../bindings";
import { localToday } from "../format/funds";

/**
 * The last backup and whether to remind (the core decides: a real county's database without a
 * backup in 7 days). Shared by the shell's reminder banner and the 备份 card, so a backup made
 * on the card takes the banner away at once.
 */
export const backupStatus = ref<BackupStatus | null>(null);

export async function loadBackupStatus(): Promise<void> {
  backupStatus.value = await commands.backupStatus();
}

const DISMISSED_KEY = "fieldbook.backupReminderDismissed";

/** The reminder was closed today (it comes back tomorrow if there is still no backup). */
export function reminderDismissedToday(today: string = localToday()): boolean {
  return globalThis.localStorage?.getItem(DISMISSED_KEY) === today;
}

export function dismissReminderForToday(today: string = localToday()): void {
  globalThis.localStorage?.setItem(DISMISSED_KEY, today);
}
