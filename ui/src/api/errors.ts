import type { FieldError, IpcError } from "../bindings";

/** Every command rejects with an `IpcError`; anything else is a fault of the shell itself. */
export function toIpcError(error: unknown): IpcError {
  if (error && typeof error === "object" && "code" in error && "message" in error) {
    return error as IpcError;
  }
  return { code: "INTERNAL", message: String(error) };
}

/**
 * Every problem of a refusal, each with its field: the core lists them all in `errors`; an
 * older or non-form refusal is the one problem `{code, field, message}` itself.
 */
export function problemsOf(error: IpcError): FieldError[] {
  if (error.errors?.length) return error.errors;
  return error.field ? [{ code: error.code, field: error.field, message: error.message }] : [];
}

/**
 * Field errors for a form: every message of the refusal under the field it names (two on one
 * field are joined with "；"). Fields `onForm` does not accept are left out.
 */
export function fieldErrors(error: IpcError, onForm: (field: string) => boolean = () => true): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const p of problemsOf(error)) {
    if (!onForm(p.field)) continue;
    byField[p.field] = byField[p.field] ? `${byField[p.field]}；${p.message}` : p.message;
  }
  return byField;
}
