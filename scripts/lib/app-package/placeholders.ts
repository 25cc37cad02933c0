/** A `${{NAME}}` reference to an environment value, as Teams Toolkit writes them. */
const placeholderPattern = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Result of {@link substitutePlaceholders}. */
export interface SubstitutionResult {
  /** The text with every resolved placeholder replaced. */
  text: string;
  /** Names of placeholders without a value (missing, or empty when not allowed), sorted, each once. */
  unresolved: string[];
}

/** Options of {@link substitutePlaceholders}. */
export interface SubstitutionOptions {
  /** Names whose value may be empty, such as a name suffix. Any other empty value counts as unresolved. */
  allowEmpty?: ReadonlySet<string>;
}

/** Lists the placeholder names that a text references, sorted, each once. */
export function listPlaceholders(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(placeholderPattern)) names.add(match[1] as string);
  return [...names].sort();
}

/**
 * Replaces each `${{NAME}}` in a JSON text with the value of NAME. Values are escaped for a JSON
 * string, because every placeholder in the manifest sits inside a string literal. Placeholders
 * without a value stay in the text and are listed in `unresolved`. An empty value counts as
 * missing unless `allowEmpty` names it, because the committed environment files leave the values
 * that provisioning writes empty.
 */
export function substitutePlaceholders(
  text: string,
  values: Record<string, string>,
  options: SubstitutionOptions = {},
): SubstitutionResult {
  const unresolved = new Set<string>();

  const substituted = text.replace(placeholderPattern, (placeholder: string, name: string) => {
    const value = values[name];
    const isMissing = value === undefined || (value === "" && !options.allowEmpty?.has(name));
    if (isMissing) {
      unresolved.add(name);
      return placeholder;
    }
    return JSON.stringify(value).slice(1, -1);
  });

  return { text: substituted, unresolved: [...unresolved].sort() };
}
