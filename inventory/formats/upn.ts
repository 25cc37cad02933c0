import { quote } from "./rowReader.js";

/** Entra ID limits a user principal name to 113 characters, 64 of them before the `@`. */
const MAX_UPN_LENGTH = 113;
const MAX_LOCAL_PART_LENGTH = 64;

/**
 * Checks the syntax of a user principal name: `name@domain` with one `@`, no whitespace or
 * control characters, and a domain of dot-separated labels. Guest names with `#EXT#` pass here,
 * because only the directory can tell whether the account is a guest.
 * Returns a message that states what to fix, or undefined for a valid name.
 */
export function checkUpn(upn: string): string | undefined {
  const fix = "Write it as name@domain, for example ada@contoso.com, or leave it empty to import the token unassigned.";
  const [localPart, domain, ...rest] = upn.split("@");

  if (localPart === undefined || domain === undefined || rest.length > 0 || localPart === "") {
    return `The UPN ${quote(upn)} is not a valid user principal name. ${fix}`;
  }

  if (/[\s\p{C}]/u.test(upn)) {
    return `The UPN ${quote(upn)} contains a space or an invisible character. ${fix}`;
  }

  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain)) {
    return `The UPN ${quote(upn)} has an invalid domain ${quote(domain)}. ${fix}`;
  }

  if (upn.length > MAX_UPN_LENGTH || localPart.length > MAX_LOCAL_PART_LENGTH) {
    return `The UPN ${quote(upn)} is too long: Entra ID allows ${MAX_UPN_LENGTH} characters, ${MAX_LOCAL_PART_LENGTH} of them before the "@".`;
  }

  return undefined;
}
