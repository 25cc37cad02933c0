/**
 * The subset of OData `$filter` that the sandbox serves: `property eq literal`,
 * `property in ('a','b')` (at most 15 values, as Graph allows for directory objects),
 * `startswith(property,'text')`, `and`, `or` and parentheses. Literals are single-quoted strings
 * (a quote inside is doubled), numbers, `true`, `false` and `null`.
 */
export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "eq"; property: string; value: FilterLiteral }
  | { kind: "startswith"; property: string; value: string }
  | { kind: "in"; property: string; values: FilterLiteral[] };

/** Value of a literal in a filter. */
export type FilterLiteral = string | number | boolean | null;

/** Filter rules of one resource: the properties and operators its `$filter` allows. */
export interface FilterRules {
  /** Property paths usable with `eq`, and their literal type. */
  eq: Record<string, "string" | "number" | "boolean">;
  /** Property paths usable with `startswith`. */
  startswith: string[];
  /** Whether `or` may join conditions. */
  allowOr: boolean;
}

/** A `$filter` that is malformed or uses something the resource does not support. */
export class FilterError extends Error {
  override name = "FilterError";
}

/** Values allowed in one `in` list. */
const maxInValues = 15;

type Token = { type: "word" | "string" | "number" | "punct"; text: string; value?: string | number };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < filter.length) {
    const char = filter[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if ("(),".includes(char)) {
      tokens.push({ type: "punct", text: char });
      index++;
    } else if (char === "'") {
      let value = "";
      index++;
      for (;;) {
        if (index >= filter.length) throw new FilterError("A string literal in $filter is not closed. End it with a single quote.");
        if (filter[index] === "'") {
          if (filter[index + 1] === "'") {
            value += "'";
            index += 2;
            continue;
          }
          index++;
          break;
        }
        value += filter[index];
        index++;
      }
      tokens.push({ type: "string", text: `'${value}'`, value });
    } else {
      const match = /^(-?\d+(?:\.\d+)?(?![\w/])|[A-Za-z_][\w/.]*)/.exec(filter.slice(index));
      if (!match) throw new FilterError(`Unexpected character '${char}' at position ${index} in $filter.`);
      const text = match[1]!;
      tokens.push(/^-?\d/.test(text) ? { type: "number", text, value: Number(text) } : { type: "word", text });
      index += text.length;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.parseOr();
    const rest = this.tokens[this.position];
    if (rest) throw new FilterError(`Unexpected '${rest.text}' in $filter.`);
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.acceptWord("or")) left = { kind: "or", left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parsePrimary();
    while (this.acceptWord("and")) left = { kind: "and", left, right: this.parsePrimary() };
    return left;
  }

  private parsePrimary(): FilterNode {
    if (this.acceptPunct("(")) {
      const inner = this.parseOr();
      this.expectPunct(")");
      return inner;
    }

    const word = this.next("a property name or function");
    if (word.type !== "word") throw new FilterError(`Expected a property name in $filter, found '${word.text}'.`);

    if (this.acceptPunct("(")) {
      if (word.text.toLowerCase() !== "startswith") throw new FilterError(`The function '${word.text}' is not supported in $filter.`);
      const property = this.next("a property name");
      this.expectPunct(",");
      const value = this.next("a string literal");
      this.expectPunct(")");
      if (property.type !== "word" || value.type !== "string") {
        throw new FilterError("startswith takes a property name and a single-quoted string, as in startswith(displayName,'ad').");
      }
      return { kind: "startswith", property: property.text, value: value.value as string };
    }

    const operator = this.next("an operator");
    if (operator.text.toLowerCase() === "in") return { kind: "in", property: word.text, values: this.parseList() };
    if (operator.text.toLowerCase() !== "eq") throw new FilterError(`The operator '${operator.text}' is not supported in $filter; use eq or in.`);
    return { kind: "eq", property: word.text, value: this.parseLiteral() };
  }

  private parseList(): FilterLiteral[] {
    this.expectPunct("(");
    const values = [this.parseLiteral()];
    while (this.acceptPunct(",")) values.push(this.parseLiteral());
    this.expectPunct(")");
    if (values.length > maxInValues) throw new FilterError(`The 'in' operator takes at most ${maxInValues} values; this filter has ${values.length}.`);
    return values;
  }

  private parseLiteral(): FilterLiteral {
    const token = this.next("a literal");
    if (token.type === "string" || token.type === "number") return token.value!;
    const keyword = token.text.toLowerCase();
    if (keyword === "true") return true;
    if (keyword === "false") return false;
    if (keyword === "null") return null;
    throw new FilterError(`Expected a literal after eq in $filter, found '${token.text}'. Quote strings with single quotes.`);
  }

  private next(expected: string): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new FilterError(`$filter ends early: expected ${expected}.`);
    return token;
  }

  private acceptWord(word: string): boolean {
    const token = this.tokens[this.position];
    if (token?.type !== "word" || token.text.toLowerCase() !== word) return false;
    this.position++;
    return true;
  }

  private acceptPunct(punct: string): boolean {
    if (this.tokens[this.position]?.text !== punct || this.tokens[this.position]?.type !== "punct") return false;
    this.position++;
    return true;
  }

  private expectPunct(punct: string): void {
    if (!this.acceptPunct(punct)) throw new FilterError(`Expected '${punct}' in $filter.`);
  }
}

/**
 * Parses `filter` and checks it against the resource's `rules`.
 * @throws FilterError saying what is malformed or unsupported.
 */
export function parseFilter(filter: string, rules: FilterRules): FilterNode {
  const node = new Parser(tokenize(filter)).parse();
  checkRules(node, rules);
  return node;
}

function checkRules(node: FilterNode, rules: FilterRules): void {
  if ("left" in node) {
    if (node.kind === "or" && !rules.allowOr) throw new FilterError("The operator 'or' is not supported in this $filter; use 'and'.");
    checkRules(node.left, rules);
    checkRules(node.right, rules);
    return;
  }
  if (node.kind === "startswith") {
    if (!rules.startswith.includes(node.property)) throw new FilterError(`startswith is not supported on property '${node.property}'.`);
    return;
  }

  const type = rules.eq[node.property];
  if (!type) throw new FilterError(`Filtering on property '${node.property}' is not supported.`);
  for (const value of node.kind === "in" ? node.values : [node.value]) {
    if (value !== null && typeof value !== type) {
      throw new FilterError(`The literal for '${node.property}' must be a ${type}${type === "string" ? " in single quotes" : ""}.`);
    }
  }
}

/** Tests `item` against `node`; strings compare case-insensitively, as Entra compares them. */
export function matchesFilter(node: FilterNode, read: (property: string) => unknown): boolean {
  switch (node.kind) {
    case "and":
      return matchesFilter(node.left, read) && matchesFilter(node.right, read);
    case "or":
      return matchesFilter(node.left, read) || matchesFilter(node.right, read);
    case "startswith": {
      const value = read(node.property);
      return typeof value === "string" && value.toLowerCase().startsWith(node.value.toLowerCase());
    }
    case "eq":
      return literalEquals(read(node.property) ?? null, node.value);
    case "in": {
      const value = read(node.property) ?? null;
      return node.values.some((candidate) => literalEquals(value, candidate));
    }
  }
}

function literalEquals(value: unknown, literal: FilterLiteral): boolean {
  if (typeof value === "string" && typeof literal === "string") return value.toLowerCase() === literal.toLowerCase();
  return value === literal;
}
