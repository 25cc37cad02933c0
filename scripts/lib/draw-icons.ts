/**
 * Draws the two Teams app icons: a key glyph, white on the accent colour (color.png, 192x192)
 * and white on transparent (outline.png, 32x32). Run `npx tsx scripts/lib/draw-icons.ts` to
 * rewrite appPackage/color.png and appPackage/outline.png.
 */
import path from "node:path";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { PNG } from "pngjs";
import { requiredIconSizes } from "./app-package/icons.js";

/** Accent colour of the app, the same as `accentColor` (#1F4E79) in the manifest. */
export const accentColor = { red: 0x1f, green: 0x4e, blue: 0x79 };

// Samples per pixel side; 4x4 samples give smooth edges on the 192 px icon.
const samplesPerSide = 4;

/**
 * Tells whether a point of the unit square lies on the key glyph: a ring (the bow), a shaft and
 * two teeth. Coordinates run from 0 to 1, left to right and top to bottom.
 */
export function isOnKeyGlyph(x: number, y: number): boolean {
  const distanceToBowCentre = Math.hypot(x - 0.32, y - 0.5);
  const onBow = distanceToBowCentre <= 0.2 && distanceToBowCentre >= 0.09;
  const onShaft = x >= 0.48 && x <= 0.88 && y >= 0.45 && y <= 0.55;
  const onFirstTooth = x >= 0.7 && x <= 0.77 && y >= 0.55 && y <= 0.68;
  const onSecondTooth = x >= 0.81 && x <= 0.88 && y >= 0.55 && y <= 0.72;
  return onBow || onShaft || onFirstTooth || onSecondTooth;
}

/** Returns the share (0 to 1) of a pixel's samples that fall on the glyph. */
function glyphCoverage(column: number, row: number, size: number): number {
  let hits = 0;
  for (let sx = 0; sx < samplesPerSide; sx++) {
    for (let sy = 0; sy < samplesPerSide; sy++) {
      const x = (column + (sx + 0.5) / samplesPerSide) / size;
      const y = (row + (sy + 0.5) / samplesPerSide) / size;
      if (isOnKeyGlyph(x, y)) hits++;
    }
  }
  return hits / (samplesPerSide * samplesPerSide);
}

/** Draws color.png: the white glyph on an opaque accent-coloured square. */
export function drawColorIcon(size: number = requiredIconSizes.color): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const coverage = glyphCoverage(column, row, size);
      const offset = (row * size + column) * 4;
      png.data[offset] = Math.round(accentColor.red + (255 - accentColor.red) * coverage);
      png.data[offset + 1] = Math.round(accentColor.green + (255 - accentColor.green) * coverage);
      png.data[offset + 2] = Math.round(accentColor.blue + (255 - accentColor.blue) * coverage);
      png.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/**
 * Draws outline.png: white glyph pixels on a transparent background. Pixels are either fully
 * transparent or opaque white, because Teams requires the outline icon to be white on a transparent background.
 */
export function drawOutlineIcon(size: number = requiredIconSizes.outline): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const opaque = glyphCoverage(column, row, size) >= 0.5;
      const offset = (row * size + column) * 4;
      png.data[offset] = 255;
      png.data[offset + 1] = 255;
      png.data[offset + 2] = 255;
      png.data[offset + 3] = opaque ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

function main(): void {
  const appPackageDir = path.resolve(import.meta.dirname, "..", "..", "appPackage");
  writeFileSync(path.join(appPackageDir, "color.png"), drawColorIcon());
  writeFileSync(path.join(appPackageDir, "outline.png"), drawOutlineIcon());
  console.log(`Wrote color.png and outline.png to ${appPackageDir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
