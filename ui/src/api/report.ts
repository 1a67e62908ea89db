import { ElMessage } from "element-plus";
import type { IpcError } from "../bindings";
import { toIpcError } from "./errors";

/** The message the core gave for a failure (in Chinese, as it words it), or the shell's own fault. */
export function errorMessage(error: unknown): string {
  return toIpcError(error).message;
}

/** Shows a failure that belongs to no form field as a message at the top of the window. */
export function reportError(error: unknown): IpcError {
  const ipc = toIpcError(error);
  ElMessage.error(ipc.message);
  return ipc;
}
