import { z } from "zod";
import { looksLikeSecret, serialNumberPattern } from "../../inventory/formats/serialNumber.js";

/**
 * Value of an Action.Submit from the bot's own cards: the button's object data merged with the
 * card's inputs. Codes must arrive as strings; a number would already have lost leading zeros.
 */
const submitSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("activate"),
    // The bot's own cards send an imported serial; anything else (a pasted seed, markup) is not one.
    serial: z
      .string()
      .trim()
      .regex(serialNumberPattern)
      .refine((value) => !looksLikeSecret(value))
      .optional(),
    code: z.string().trim().optional(),
  }),
  z.object({ action: z.literal("cancel") }),
]);

export type CardSubmit = z.infer<typeof submitSchema>;

/** Parses `activity.value` of a card submit; returns undefined for anything else. */
export function parseCardSubmit(value: unknown): CardSubmit | undefined {
  const parsed = submitSchema.safeParse(value);
  if (!parsed.success) return undefined;
  if (parsed.data.action === "activate" && parsed.data.code === "") return { ...parsed.data, code: undefined };
  return parsed.data;
}
