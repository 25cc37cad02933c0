import { TurnContext, type Activity } from "botbuilder";

/** Named and numeric HTML entities that pasted Teams messages carry. */
const namedEntities: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/**
 * Whitespace that JavaScript's `\s` misses but pasted text contains: zero-width space, joiners
 * and the word joiner. `\s` with the `u` flag already covers U+00A0, U+2000–U+200A, U+3000, U+FEFF.
 */
const whitespace = /[\s\u200b-\u200d\u2060]+/gu;

/** Decodes `&nbsp;`, `&amp;`, `&#160;`, `&#xA0;` and the like; unknown entities stay as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/giu, (entity, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return safeCodePoint(Number.parseInt(name.slice(2), 16), entity);
    if (name.startsWith("#")) return safeCodePoint(Number.parseInt(name.slice(1), 10), entity);
    return namedEntities[name.toLowerCase()] ?? entity;
  });
}

function safeCodePoint(value: number, fallback: string): string {
  return Number.isInteger(value) && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : fallback;
}

/** Removes HTML tags and decodes entities, so text pasted from a web page or e-mail reads as typed. */
export function stripHtml(text: string): string {
  const withoutMentions = text.replace(/<at\b[^>]*>.*?<\/at>/gisu, " ");
  const withBreaks = withoutMentions.replace(/<(?:br|\/p|\/div|\/li)\b[^>]*>/giu, " ");
  const withoutTags = withBreaks.replace(/<[^>]*>/gu, "");
  return decodeHtmlEntities(withoutTags);
}

/** Collapses every kind of Unicode whitespace, including U+00A0, to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(whitespace, " ").trim();
}

/**
 * Returns the command text a person typed to the bot, whatever the chat added around it:
 * the bot's own mention (removed by its mention entity, in every place it occurs), leftover
 * `<at>…</at>` tags, HTML tags and entities from pasted content, CR/LF and non-breaking spaces.
 * When the activity has no plain text, the first `text/html` attachment is used.
 * The activity itself is not changed.
 */
export function normalizeMessageText(activity: Partial<Activity>): string {
  let text = activity.text ?? "";
  if (text.trim() === "") text = htmlAttachmentText(activity) ?? "";

  text = removeRecipientMentions(activity, text);
  return collapseWhitespace(stripHtml(text));
}

function htmlAttachmentText(activity: Partial<Activity>): string | undefined {
  const attachment = activity.attachments?.find((item) => item.contentType === "text/html");
  return typeof attachment?.content === "string" ? attachment.content : undefined;
}

function removeRecipientMentions(activity: Partial<Activity>, text: string): string {
  const recipientId = activity.recipient?.id;
  if (!recipientId) return text;

  const mentions = TurnContext.getMentions({ ...activity, text } as Activity);
  let result = text;
  for (const mention of mentions) {
    if (mention.mentioned?.id !== recipientId || !mention.text) continue;
    result = result.split(mention.text).join(" ");
  }
  return result;
}
