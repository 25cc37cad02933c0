import path from "node:path";
import { readFileSync } from "node:fs";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { checkIcons, requiredIconSizes } from "../../scripts/package-app.js";
import { drawColorIcon, drawOutlineIcon } from "../../scripts/lib/draw-icons.js";
import { projectRoot } from "./testValues.js";

const colorBytes = readFileSync(path.join(projectRoot, "appPackage", "color.png"));
const outlineBytes = readFileSync(path.join(projectRoot, "appPackage", "outline.png"));

/** Returns the RGBA bytes of one pixel. */
function pixelAt(png: PNG, column: number, row: number): [number, number, number, number] {
  const offset = (row * png.width + column) * 4;
  return [png.data[offset]!, png.data[offset + 1]!, png.data[offset + 2]!, png.data[offset + 3]!];
}

describe("app icons", () => {
  it("have the sizes Teams requires", () => {
    const color = PNG.sync.read(colorBytes);
    const outline = PNG.sync.read(outlineBytes);

    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(checkIcons({ color: colorBytes, outline: outlineBytes })).toEqual({ valid: true });
  });

  it("outline is white on transparent", () => {
    const outline = PNG.sync.read(outlineBytes);
    let opaquePixels = 0;

    for (let row = 0; row < outline.height; row++) {
      for (let column = 0; column < outline.width; column++) {
        const [red, green, blue, alpha] = pixelAt(outline, column, row);
        if (alpha === 0) continue;
        opaquePixels++;
        expect([red, green, blue, alpha], `pixel ${column},${row}`).toEqual([255, 255, 255, 255]);
      }
    }

    expect(opaquePixels).toBeGreaterThan(50);
  });

  it("outline is transparent outside the glyph", () => {
    const outline = PNG.sync.read(outlineBytes);
    const last = outline.width - 1;

    for (let index = 0; index <= last; index++) {
      expect(pixelAt(outline, index, 0)[3], `top row ${index}`).toBe(0);
      expect(pixelAt(outline, index, last)[3], `bottom row ${index}`).toBe(0);
      expect(pixelAt(outline, 0, index)[3], `left column ${index}`).toBe(0);
      expect(pixelAt(outline, last, index)[3], `right column ${index}`).toBe(0);
    }
    // The hole in the key's bow, centred at 32% across and half-way down.
    expect(pixelAt(outline, 10, 16)[3]).toBe(0);
  });

  it("color icon is opaque", () => {
    const color = PNG.sync.read(colorBytes);

    let translucentPixels = 0;
    for (let offset = 3; offset < color.data.length; offset += 4) {
      if (color.data[offset] !== 255) translucentPixels++;
    }

    expect(translucentPixels).toBe(0);
  });

  it("match the drawing script", () => {
    expect(drawColorIcon().equals(colorBytes)).toBe(true);
    expect(drawOutlineIcon().equals(outlineBytes)).toBe(true);
  });
});

describe("checkIcons", () => {
  it("rejects wrong sizes", () => {
    const result = checkIcons({ color: drawColorIcon(96), outline: drawOutlineIcon(48) });

    expect(result).toEqual({
      valid: false,
      errors: [
        `The color icon is 96x96 pixels; Teams requires ${requiredIconSizes.color}x${requiredIconSizes.color}.`,
        `The outline icon is 48x48 pixels; Teams requires ${requiredIconSizes.outline}x${requiredIconSizes.outline}.`,
      ],
    });
  });

  it("rejects a coloured outline", () => {
    const result = checkIcons({ color: colorBytes, outline: drawColorIcon(32) });

    expect(result.valid).toBe(false);
    const errors = result.valid ? [] : result.errors;
    expect(errors.some((error) => error.includes("not white"))).toBe(true);
    expect(errors).toContain("The outline icon has no transparent pixels; its background must be transparent.");
  });

  it("rejects a file that is not a PNG", () => {
    const result = checkIcons({ color: Buffer.from("not a png"), outline: outlineBytes });

    expect(result.valid).toBe(false);
    const errors = result.valid ? [] : result.errors;
    expect(errors[0]).toMatch(/^The color icon is not a readable PNG file/);
  });
});
