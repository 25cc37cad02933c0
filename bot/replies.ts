import type { Activity } from "botbuilder";
import type { ActivationOutcome, CancelOutcome, MyTokenLine } from "../inventory/activation/types.js";
import { chooseTokenCard, codePromptCard } from "./cards/codePromptCard.js";
import { cardAttachment } from "./cards/template.js";

/** A reply the bot sends: text, a card, or both. */
export type Reply = Partial<Activity>;

/** Text of the `help` command. */
export const helpText = [
  "I activate your hardware token (the key fob with a 6-digit display). Commands:",
  "- `activate my token <serial number>`: start; I then ask for the code shown on the token.",
  "- `activate my token <code>`: finish with the 6 digits the token shows.",
  "- `activate my token <serial number> <code>`: both in one message.",
  "- `my tokens`: the tokens you hold and those waiting for a code.",
  "- `cancel`: stop a started activation.",
  "- `help`: this list.",
  "The serial number is printed on the back of the token.",
].join("\n\n");

/** Turns an activation outcome into the chat reply. */
export function activationReply(outcome: ActivationOutcome): Reply {
  switch (outcome.kind) {
    case "needCode":
      return {
        text: `Token ${outcome.serialNumber} can be activated for you. Press its button and send me the 6-digit code it shows.`,
        attachments: [cardAttachment(codePromptCard(outcome.serialNumber))],
      };
    case "activated":
      return { text: `Token ${outcome.serialNumber} is activated. You can now sign in with it.` };
    case "chooseToken":
      return {
        text: `Several activations wait for a code: ${outcome.serialNumbers.join(", ")}. Send \`activate my token <serial number> <code>\`, or choose below.`,
        attachments: [cardAttachment(chooseTokenCard(outcome.serialNumbers))],
      };
    case "rejected":
      return { text: outcome.message };
  }
}

/** Reply to `my tokens`. */
export function myTokensReply(lines: MyTokenLine[]): Reply {
  if (lines.length === 0) {
    return { text: "You hold no hardware token yet. Send `activate my token <serial number>` to activate one." };
  }
  const items = lines.map((line) => `- ${line.serialNumber}: ${line.pending ? "waiting for a code" : statusText(line.status)}`);
  return { text: ["Your tokens:", ...items].join("\n\n") };
}

/** Reply to `cancel`. */
export function cancelReply(outcome: CancelOutcome): Reply {
  if (outcome.serialNumbers.length === 0) return { text: "No activation was waiting, so there is nothing to cancel." };
  return { text: `Cancelled the activation of ${outcome.serialNumbers.join(", ")}. The token is unchanged.` };
}

function statusText(status: MyTokenLine["status"]): string {
  switch (status) {
    case "activated":
      return "activated";
    case "assigned":
      return "assigned to you, not yet activated";
    case "failedActivation":
      return "activation failed, send a new code";
    case "available":
      return "not assigned";
  }
}
