import { cardVersion, expandCard, type AdaptiveCardJson } from "./template.js";

/**
 * Card that asks for the code shown on a token. Action.Submit carries object data, because Teams
 * drops string data, and Teams merges the `code` input into `activity.value`:
 * `{ action: "activate", serial, code }`.
 */
const template = {
  type: "AdaptiveCard",
  version: cardVersion,
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  body: [
    { type: "TextBlock", text: "Activate token ${serial}", weight: "Bolder", size: "Medium", wrap: true },
    {
      type: "TextBlock",
      text: "Press the button on the token and enter the 6 digits it shows. You can also reply with the code as a message.",
      wrap: true,
    },
    {
      type: "Input.Text",
      id: "code",
      label: "Code on the token",
      placeholder: "6-digit code",
      maxLength: 6,
      isRequired: true,
      regex: "^[0-9]{6}$",
      errorMessage: "Enter the 6 digits shown on the token.",
    },
  ],
  actions: [
    { type: "Action.Submit", title: "Activate", data: { action: "activate", serial: "${serial}" } },
    { type: "Action.Submit", title: "Cancel", data: { action: "cancel" } },
  ],
};

/** Builds the code prompt for one token. */
export function codePromptCard(serialNumber: string): AdaptiveCardJson {
  return expandCard(template, { serial: serialNumber });
}

const chooseTemplate = {
  type: "AdaptiveCard",
  version: cardVersion,
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  body: [
    { type: "TextBlock", text: "Which token do you want to activate?", weight: "Bolder", wrap: true },
    {
      type: "Input.ChoiceSet",
      id: "serial",
      label: "Token",
      isRequired: true,
      errorMessage: "Choose the token you are activating.",
      value: "${serials[0]}",
      choices: [{ $data: "${serials}", title: "${$data}", value: "${$data}" }],
    },
    {
      type: "Input.Text",
      id: "code",
      label: "Code on the token",
      placeholder: "6-digit code",
      maxLength: 6,
      isRequired: true,
      regex: "^[0-9]{6}$",
      errorMessage: "Enter the 6 digits shown on the token.",
    },
  ],
  actions: [{ type: "Action.Submit", title: "Activate", data: { action: "activate" } }],
};

/**
 * Builds the card for a user with several pending tokens: a choice of token and a code field.
 * The code the user typed before is not repeated in the card, because a code is a secret.
 */
export function chooseTokenCard(serialNumbers: string[]): AdaptiveCardJson {
  return expandCard(chooseTemplate, { serials: serialNumbers });
}
