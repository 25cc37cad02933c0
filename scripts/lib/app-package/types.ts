/** Outcome of a check: valid, or the list of problems, each a sentence that names the fix. */
export type CheckResult = { valid: true } | { valid: false; errors: string[] };
