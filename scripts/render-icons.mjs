#!/usr/bin/env node
// Renders the app's icons from app/icon.svg (the one drawn source), offline,
// with sharp (Next.js's own image library):
//   node scripts/render-icons.mjs
// app/favicon.ico (16, 32, 48 px), app/apple-icon.png (180 px, full-bleed and
// opaque: iOS rounds the corners itself and fills transparency black),
// public/icons/icon-{192,512}.png and a maskable 512 px one with the
// safe-zone padding the manifest asks for.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import sharp from "sharp";

const svg = readFileSync("app/icon.svg");
const png = (size, { background, padding = 0 } = {}) => {
  const inner = Math.round(size * (1 - 2 * padding));
  let image = sharp(svg, { density: 72 * (inner / 64) * 2 }).resize(inner, inner);
  if (padding || background) {
    const offset = Math.round((size - inner) / 2);
    return image
      .png()
      .toBuffer()
      .then((icon) =>
        sharp({ create: { width: size, height: size, channels: 4, background: background ?? { r: 0, g: 0, b: 0, alpha: 0 } } })
          .composite([{ input: icon, left: offset, top: offset }])
          .png({ compressionLevel: 9 })
          .toBuffer(),
      );
  }
  return image.png({ compressionLevel: 9 }).toBuffer();
};

/** An .ico holding PNG images (every browser since IE 11 reads these). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const sizes = [16, 32, 48];
writeFileSync("app/favicon.ico", ico(await Promise.all(sizes.map(async (size) => ({ size, data: await png(size) })))));
writeFileSync("app/apple-icon.png", await png(180, { background: "#4f46e5", padding: 0.1 }));
mkdirSync("public/icons", { recursive: true });
writeFileSync("public/icons/icon-192.png", await png(192));
writeFileSync("public/icons/icon-512.png", await png(512));
writeFileSync("public/icons/icon-maskable-512.png", await png(512, { background: "#4f46e5", padding: 0.1 }));
console.log("Rendered app/favicon.ico, app/apple-icon.png and public/icons/*.png from app/icon.svg");
