/** A chat command after text normalisation. Arguments stay strings: codes keep leading zeros. */
export type ChatCommand =
  | { name: "activate"; argument?: string; code?: string }
  | { name: "myTokens" }
  | { name: "help" }
  | { name: "cancel" }
  | { name: "setHelpdeskChannel" }
  | { name: "unknown"; text: string };

/** Punctuation that people add after a serial or code, as in "activate my token 71230001." */
const trailingPunctuation = /[.,;:!?]+$/u;

/**
 * Recognises a command in normalised text (see normalizeMessageText). Matching ignores case and
 * may start anywhere in the text, so "please activate my token 017470" works. The first word
 * after `activate my token` is the argument (a serial or a code) and the second one a code.
 */
export function parseCommand(text: string): ChatCommand {
  const activate = /(?:^|\s)activate\s+(?:my\s+)?tokens?\b\s*(.*)$/iu.exec(text);
  if (activate) {
    const [argument, code] = (activate[1] ?? "")
      .split(" ")
      .map((word) => word.replace(trailingPunctuation, ""))
      .filter((word) => word !== "");
    return { name: "activate", argument, code };
  }

  // The code prompt invites a reply with just the code, so six digits alone complete an activation.
  const bare = text.trim().replace(trailingPunctuation, "");
  if (/^[0-9]{6}$/u.test(bare)) return { name: "activate", argument: bare };

  if (/(?:^|\s)set\s+helpdesk\s+channel\b/iu.test(text)) return { name: "setHelpdeskChannel" };
  if (/(?:^|\s)(?:list\s+|show\s+)?my\s+tokens?\b/iu.test(text)) return { name: "myTokens" };
  if (/(?:^|\s)cancel\b/iu.test(text)) return { name: "cancel" };
  if (/(?:^|\s)help\b/iu.test(text) || text.trim() === "?") return { name: "help" };
  return { name: "unknown", text };
}
