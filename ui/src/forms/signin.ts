import type { RegisterPerson } from "../bindings";

/**
 * The sign-in desk's register lookup, kept apart from the screen so it is tested on its own. The
 * rules stay in the core: it validates the ID and decides who is poor; this only decides when
 * to ask and what to put in the name field.
 */

/**
 * The ID number once it is typed in full (18 characters), as a lookup can send it: full-width
 * digits from a Chinese IME and spaces removed, a lower-case x raised. `null` while incomplete
 * (the core validates the number itself, so a wrong check digit is still sent).
 */
export function completeId(raw: string): string | null {
  const half = raw.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const id = half.replace(/\s+/g, "").toUpperCase();
  return /^\d{17}[\dX]$/.test(id) ? id : null;
}

/**
 * What the name field holds once the register answered for the ID typed: the registered name
 * when the field is empty or still shows what the previous lookup filled in; what the officer
 * typed otherwise (the core then warns that the name differs from the register).
 */
export function autofillName(current: string, previousFill: string | null, person: RegisterPerson | null): string {
  const untouched = current.trim() === "" || (previousFill !== null && current === previousFill);
  if (!untouched) return current;
  return person ? person.name : previousFill !== null && current === previousFill ? "" : current;
}
