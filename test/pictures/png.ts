/** What a PNG file says about itself: its signature, and the width and height of its IHDR chunk. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(bytes);
  if (!b.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG: wrong signature");
  // The first chunk: length (4), type "IHDR" (4), width (4), height (4).
  if (b.toString("ascii", 12, 16) !== "IHDR") throw new Error("not a PNG: no IHDR first");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
