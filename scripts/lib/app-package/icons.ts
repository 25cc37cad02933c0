import { PNG } from "pngjs";
import type { CheckResult } from "./types.js";

/** Side length in pixels that Teams requires for each icon of the app package. */
export const requiredIconSizes = { color: 192, outline: 32 } as const;

/** The two icon files of an app package, as PNG bytes. */
export interface AppIcons {
  color: Buffer;
  outline: Buffer;
}

/**
 * Checks the icons against Teams' rules: color.png is 192x192, outline.png is 32x32, and every
 * outline pixel is either fully transparent or white, with some of each.
 */
export function checkIcons(icons: AppIcons): CheckResult {
  const errors: string[] = [];

  const color = decodePng("color icon", icons.color, errors);
  if (color) checkSize("color icon", color, requiredIconSizes.color, errors);

  const outline = decodePng("outline icon", icons.outline, errors);
  if (outline) {
    checkSize("outline icon", outline, requiredIconSizes.outline, errors);
    checkWhiteOnTransparent(outline, errors);
  }

  return errors.length === 0 ? { valid: true } : { valid: false, errors };
}

function decodePng(label: string, bytes: Buffer, errors: string[]): PNG | undefined {
  try {
    return PNG.sync.read(bytes);
  } catch (error) {
    errors.push(`The ${label} is not a readable PNG file (${(error as Error).message}).`);
    return undefined;
  }
}

function checkSize(label: string, png: PNG, size: number, errors: string[]): void {
  if (png.width !== size || png.height !== size) {
    errors.push(`The ${label} is ${png.width}x${png.height} pixels; Teams requires ${size}x${size}.`);
  }
}

function checkWhiteOnTransparent(png: PNG, errors: string[]): void {
  let transparentPixels = 0;
  let visiblePixels = 0;
  let colouredPixels = 0;

  for (let offset = 0; offset < png.data.length; offset += 4) {
    const alpha = png.data[offset + 3];
    if (alpha === 0) {
      transparentPixels++;
      continue;
    }
    visiblePixels++;
    const isWhite = png.data[offset] === 255 && png.data[offset + 1] === 255 && png.data[offset + 2] === 255;
    if (!isWhite) colouredPixels++;
  }

  if (colouredPixels > 0) {
    errors.push(`The outline icon has ${colouredPixels} visible pixels that are not white; draw it white on transparent.`);
  }
  if (transparentPixels === 0) errors.push("The outline icon has no transparent pixels; its background must be transparent.");
  if (visiblePixels === 0) errors.push("The outline icon is fully transparent; draw the glyph in white.");
}
