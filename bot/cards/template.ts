import * as ACData from "adaptivecards-templating";

/** Adaptive Card JSON as sent in an attachment. */
export type AdaptiveCardJson = { type: "AdaptiveCard"; version: string; [property: string]: unknown };

/**
 * Card schema version of every card. 1.4 is the lowest version with Action.Execute, and Teams
 * renders it on desktop, web and mobile.
 */
export const cardVersion = "1.4";

/** MIME type of an Adaptive Card attachment and of a card in an invoke response. */
export const adaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

/**
 * Fills a card template with data through adaptivecards-templating. Pass text values as strings:
 * an expression that is a whole property keeps the data's type, so a serial or code given as a
 * number would lose its leading zeros.
 */
export function expandCard(template: object, data: object): AdaptiveCardJson {
  const expanded = new ACData.Template(template).expand({ $root: data }) as AdaptiveCardJson;
  return expanded;
}

/** Wraps a card as a message attachment. */
export function cardAttachment(card: AdaptiveCardJson): { contentType: string; content: AdaptiveCardJson } {
  return { contentType: adaptiveCardContentType, content: card };
}
