import type { IpcError } from "../bindings";

/** Every command rejects with an `IpcError`; anything else is a fault of the shell itself. */
export function toIpcError(error: unknown): IpcError {
  if (error && typeof error === "object" && "code" in error && "message" in error) {
    return error as IpcError;
  }
  return { code: "INTERNAL", message: String(error) };
}

/** Field errors for a form: the message of an error that names a field, under that field. */
export function fieldErrors(error: IpcError): Record<string, string> {
  return error.field ? { [error.field]: error.message } : {};
}
