import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, type Harness, SARI } from "../support/harness.js";
import { fundSari, quotePln } from "../support/pay.js";

/**
 * data/products.json changed while the bot runs (issue 22 item 13): /reload, or the file watch,
 * reads it again; the next menu and bill use the new prices without a restart; a file that does not
 * load is refused, the admins are told why in one line, and the old prices stay.
 */

const testBot = botPerTest();

interface CatalogJson {
  categories: { products: { id: string; markup: Record<string, number> }[] }[];
  prepaid: { markup: { category?: string; flat?: number }[] };
}

/** The bot on a copy of data/products.json that the test edits. */
async function start(): Promise<{ h: Harness; path: string; edit(change: (c: CatalogJson) => void): void }> {
  const path = join(testBot.dir, "products.json");
  const original = readFileSync("data/products.json", "utf8");
  writeFileSync(path, original);
  const h = await testBot.start({ env: { CATALOG_PATH: path } });
  await fundSari(h, 500_000);
  await h.send("/start", ADMIN);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  const edit = (change: (c: CatalogJson) => void) => {
    const catalog = JSON.parse(readFileSync(path, "utf8")) as CatalogJson;
    change(catalog);
    writeFileSync(path, JSON.stringify(catalog, null, 2));
  };
  return { h, path, edit };
}

/** The price of the first two Telkomsel products on Sari's /beli menu. */
async function tselPrices(h: Harness): Promise<string[]> {
  await h.send("/beli");
  await h.tap("Pulsa");
  await h.send("081234567890");
  const buttons = h.lastKeyboard(SARI.id)!.buttons.map((b) => b.text);
  await h.send("/batal");
  return buttons.slice(0, 2);
}

/** What a PLN bill costs Sari in all (the summary's "Total bayar"). */
async function plnTotal(h: Harness): Promise<string> {
  await quotePln(h, "530000000001");
  const total = /Total bayar: (Rp [\d.]+)/.exec(h.lastText())?.[1];
  await h.send("/batal");
  return total!;
}

const plnMarkup = (flat: number) => (c: CatalogJson) => {
  for (const cat of c.categories) for (const p of cat.products) if (p.id === "pln-pascabayar") p.markup = { flat };
};
const pulsaFlat = (flat: number) => (c: CatalogJson) => {
  for (const rule of c.prepaid.markup) if (rule.category === "pulsa") rule.flat = flat;
};

const reloadAudit = (h: Harness) =>
  (
    h.app.deps.db.prepare("SELECT actor_id AS actor, allowed, detail FROM audit_log WHERE action = 'reload' ORDER BY id").all() as {
      actor: number;
      allowed: number;
      detail: string;
    }[]
  ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));

it("/reload takes the edited markups into the next menu and bill; a broken file is refused with the reason and the old prices stay; audited", async () => {
  const { h, path, edit } = await start();
  expect(await tselPrices(h)).toEqual(["TELKOMSEL 5rb – Rp 6.500", "TELKOMSEL 10rb – Rp 11.500"]);
  const before = await plnTotal(h);

  edit((c) => {
    pulsaFlat(2000)(c);
    plnMarkup(3000)(c);
  });
  // Nothing changes before the reload.
  expect(await tselPrices(h)).toEqual(["TELKOMSEL 5rb – Rp 6.500", "TELKOMSEL 10rb – Rp 11.500"]);
  await h.send("/reload", ADMIN);
  expect(h.lastText(ADMIN.id)).toMatch(
    new RegExp(
      `^🔄 Katalog ${path} dibaca ulang: \\d+ produk tagihan, \\d+ aturan markup prabayar\\. Harga baru berlaku untuk menu dan tagihan berikutnya\\.$`,
    ),
  );
  expect(await tselPrices(h)).toEqual(["TELKOMSEL 5rb – Rp 7.500", "TELKOMSEL 10rb – Rp 12.500"]);
  // PLN's markup went from Rp 2.000 to Rp 3.000.
  const rupiah = (s: string) => Number(s.replace(/\D/g, ""));
  expect(rupiah(await plnTotal(h)) - rupiah(before)).toBe(1000);

  // Not JSON (an editor saved half a file): refused, prices as they were.
  writeFileSync(path, readFileSync(path, "utf8").slice(0, 500));
  await h.send("/reload", ADMIN);
  expect(h.lastText(ADMIN.id)).toMatch(
    new RegExp(`^⚠️ Katalog ${path} tidak dibaca ulang; harga lama tetap berlaku\\. Masalahnya: Catalog problem: ${path} is not valid JSON \\(.+\\)$`),
  );
  expect(await tselPrices(h)).toEqual(["TELKOMSEL 5rb – Rp 7.500", "TELKOMSEL 10rb – Rp 12.500"]);

  // JSON the schema refuses: the entry and the field are named, on one line.
  writeFileSync(path, readFileSync("data/products.json", "utf8"));
  edit((c) => {
    plnMarkup(1000)(c);
    for (const rule of c.prepaid.markup) if (rule.category === "pulsa") rule.flat = -5;
  });
  await h.send("/reload", ADMIN);
  expect(h.lastText(ADMIN.id)).toMatch(/^⚠️ Katalog .* Masalahnya: Catalog problem: prepaid\.markup\[1\]\.flat: .+$/);
  expect(h.lastText(ADMIN.id)).not.toContain("\n");
  expect(await tselPrices(h)).toEqual(["TELKOMSEL 5rb – Rp 7.500", "TELKOMSEL 10rb – Rp 12.500"]);
  expect(rupiah(await plnTotal(h)) - rupiah(before)).toBe(1000);

  // A customer may not.
  await h.send("/reload");
  expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");

  expect(reloadAudit(h)).toEqual([
    {
      actor: ADMIN.id,
      allowed: 1,
      detail: expect.objectContaining({ input: "/reload", outcome: "done", products: expect.any(Number), prepaidRules: expect.any(Number) }),
    },
    { actor: ADMIN.id, allowed: 1, detail: expect.objectContaining({ outcome: "refused", problem: expect.stringContaining("not valid JSON") }) },
    { actor: ADMIN.id, allowed: 1, detail: expect.objectContaining({ outcome: "refused", problem: expect.stringContaining("prepaid.markup[1].flat") }) },
    { actor: SARI.id, allowed: 0, detail: { input: "/reload", outcome: "not-admin" } },
  ]);
});

it("a change to the file is read by itself: the admins are told, the next menu has the new price; a broken save is refused and told", async () => {
  const { h, path, edit } = await start();
  h.app.watchCatalog(20);
  const adminSaid = () => h.texts(ADMIN.id).filter((t) => t.includes(`Katalog ${path}`));

  edit(pulsaFlat(1500));
  await expect.poll(adminSaid, { timeout: 5_000, interval: 20 }).toEqual([expect.stringMatching(/^🔄 Katalog .* dibaca ulang/)]);
  expect(await tselPrices(h)).toEqual(["TELKOMSEL 5rb – Rp 7.000", "TELKOMSEL 10rb – Rp 12.000"]);

  writeFileSync(path, "{");
  await expect.poll(() => adminSaid().length, { timeout: 5_000, interval: 20 }).toBe(2);
  expect(adminSaid()[1]).toMatch(/^⚠️ Katalog .* tidak dibaca ulang; harga lama tetap berlaku\. Masalahnya: .*not valid JSON/);
  expect(await tselPrices(h)).toEqual(["TELKOMSEL 5rb – Rp 7.000", "TELKOMSEL 10rb – Rp 12.000"]);
});
