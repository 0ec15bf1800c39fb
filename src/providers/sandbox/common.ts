/** What the sandbox makes up, made up the same way every time. */

export const NAMES = ["BUDI SANTOSO", "SITI RAHAYU", "AGUS PRASETYO", "DEWI LESTARI", "RUDI HARTONO", "NUR AINI", "HENDRA WIJAYA", "RATNA SARI"];

/** FNV-1a: a stable number from a customer number, so the same number always gets the same bill. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** The sandbox's "answer": what it decided, as JSON. */
export const raw = (value: unknown) => JSON.stringify({ sandbox: value });
