import { ElMessageBox } from "element-plus";
import { useI18n } from "vue-i18n";

/**
 * Asks before an action (submit, remove, undo, change a county setting): the returned function
 * answers true once the user confirmed, false when they cancelled or closed the box.
 */
export function useConfirm() {
  const { t } = useI18n();
  return async (message: string, title: string, confirmText: string): Promise<boolean> => {
    try {
      await ElMessageBox.confirm(message, title, {
        type: "warning",
        confirmButtonText: confirmText,
        cancelButtonText: t("common.cancel"),
      });
      return true;
    } catch {
      return false;
    }
  };
}
