import { createRequire } from "node:module";
import { Ajv } from "ajv";

/**
 * JSON schema of the Adaptive Card 1.4 elements that this bot's cards use, written from the
 * Adaptive Cards schema explorer's element pages, because no package reachable offline ships the
 * official adaptive-card.json (adaptivecards 3.0.6 and adaptivecards-templating 2.3.1 do not).
 * TODO: replace it with the official schema file once one is vendored.
 * Every element closes its property list, so a misspelt or unsupported property fails.
 */
const common = {
  type: {},
  id: { type: "string" },
  spacing: { enum: ["None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"] },
  separator: { type: "boolean" },
  isVisible: { type: "boolean" },
};

const cardSchema = {
  $id: "adaptive-card-1.4-subset",
  type: "object",
  required: ["type", "version", "body"],
  additionalProperties: false,
  properties: {
    type: { const: "AdaptiveCard" },
    version: { enum: ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"] },
    $schema: { type: "string" },
    body: { type: "array", items: { $ref: "#/$defs/element" } },
    actions: { type: "array", items: { $ref: "#/$defs/action" } },
  },
  $defs: {
    element: {
      type: "object",
      required: ["type"],
      oneOf: [
        { $ref: "#/$defs/TextBlock" },
        { $ref: "#/$defs/FactSet" },
        { $ref: "#/$defs/Container" },
        { $ref: "#/$defs/InputText" },
        { $ref: "#/$defs/InputChoiceSet" },
      ],
    },
    TextBlock: {
      type: "object",
      required: ["type", "text"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "TextBlock" },
        text: { type: "string", minLength: 1 },
        wrap: { type: "boolean" },
        weight: { enum: ["Default", "Lighter", "Bolder"] },
        size: { enum: ["Default", "Small", "Medium", "Large", "ExtraLarge"] },
        color: { enum: ["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"] },
        isSubtle: { type: "boolean" },
      },
    },
    FactSet: {
      type: "object",
      required: ["type", "facts"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "FactSet" },
        facts: {
          type: "array",
          items: {
            type: "object",
            required: ["title", "value"],
            additionalProperties: false,
            properties: { title: { type: "string" }, value: { type: "string" } },
          },
        },
      },
    },
    Container: {
      type: "object",
      required: ["type", "items"],
      additionalProperties: false,
      properties: { ...common, type: { const: "Container" }, items: { type: "array", items: { $ref: "#/$defs/element" } } },
    },
    InputText: {
      type: "object",
      required: ["type", "id"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "Input.Text" },
        label: { type: "string" },
        placeholder: { type: "string" },
        maxLength: { type: "number" },
        isRequired: { type: "boolean" },
        regex: { type: "string" },
        errorMessage: { type: "string" },
        style: { enum: ["Text", "Tel", "Url", "Email"] },
        value: { type: "string" },
      },
    },
    InputChoiceSet: {
      type: "object",
      required: ["type", "id", "choices"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "Input.ChoiceSet" },
        label: { type: "string" },
        isRequired: { type: "boolean" },
        errorMessage: { type: "string" },
        value: { type: "string" },
        choices: {
          type: "array",
          items: {
            type: "object",
            required: ["title", "value"],
            additionalProperties: false,
            properties: { title: { type: "string" }, value: { type: "string" } },
          },
        },
      },
    },
    action: {
      type: "object",
      required: ["type", "title"],
      oneOf: [{ $ref: "#/$defs/ActionSubmit" }, { $ref: "#/$defs/ActionExecute" }, { $ref: "#/$defs/ActionOpenUrl" }],
    },
    ActionSubmit: {
      type: "object",
      additionalProperties: false,
      properties: { type: { const: "Action.Submit" }, title: { type: "string" }, id: { type: "string" }, data: { type: "object" } },
    },
    ActionExecute: {
      type: "object",
      required: ["verb"],
      additionalProperties: false,
      properties: {
        type: { const: "Action.Execute" },
        title: { type: "string" },
        id: { type: "string" },
        verb: { type: "string", minLength: 1 },
        data: { type: "object" },
      },
    },
    ActionOpenUrl: {
      type: "object",
      required: ["url"],
      additionalProperties: false,
      properties: { type: { const: "Action.OpenUrl" }, title: { type: "string" }, id: { type: "string" }, url: { type: "string", pattern: "^https?://" } },
    },
  },
};

const validateSubset = new Ajv({ allErrors: true }).compile(cardSchema);

interface AdaptiveCardsModule {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void; validateProperties(): { validationEvents: Array<{ message: string }> } };
  SerializationContext: new () => { eventCount: number; getEventAt(index: number): { message: string } };
}

// The package's ESM build imports files without extensions, which Node rejects; its UMD bundle loads.
const adaptiveCards = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as AdaptiveCardsModule;

/**
 * Returns every problem found in a card: errors of the schema above, and the parse and validation
 * events of the official Adaptive Cards renderer library (unknown element types, duplicate ids,
 * missing required properties). An empty list means the card is valid.
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (!validateSubset(card)) {
    for (const error of validateSubset.errors ?? []) problems.push(`schema: ${error.instancePath} ${error.message}`);
  }

  const parsed = new adaptiveCards.AdaptiveCard();
  const context = new adaptiveCards.SerializationContext();
  parsed.parse(card, context);
  for (let index = 0; index < context.eventCount; index++) problems.push(`parse: ${context.getEventAt(index).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}
