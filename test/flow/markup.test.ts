import { expect, it } from "vitest";
import type { ChatUser } from "../../src/channels/emulator.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { fundSari, summaryTxId } from "../support/pay.js";

/**
 * Markup rules changed from the chat (/markup) over data/products.json's: per level, by code, brand
 * or category, flat or percent; in effect at once (menus, one-line orders, /harga), audited, undone.
 * The sandbox's TELKOMSEL 10rb costs Rp 10.350; the file prices it Rp 11.500 (umum), Rp 10.700 (reseller).
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const BUDI: ChatUser = { id: 77, firstName: "Budi", username: "budicell" };

async function start() {
  const h = await testBot.start();
  await fundSari(h, 500_000);
  await h.send("/start", BUDI);
  h.app.deps.wallet.post({ userId: BUDI.id, amount: 500_000, kind: "topup", actorId: 1 });
  await h.send("/start", ADMIN);
  await h.send(`/level ${BUDI.id} reseller`, ADMIN);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return h;
}

/** The price a one-line order of TELKOMSEL 10rb is quoted at for `user` (the quote is then cancelled). */
async function quoted(h: Harness, user: ChatUser): Promise<number> {
  await h.send("sbx-tsel-10.081234567890", user);
  const txId = summaryTxId(h, user)!;
  await h.send("batal", user);
  return h.app.deps.payments.txs.get(txId)!.price;
}

/** /harga's prepaid pages, all of them, as the admin reads them. */
async function adminPrices(h: Harness): Promise<string> {
  const from = h.texts(ADMIN.id).length;
  await h.send("/harga", ADMIN);
  await h.tap("Prabayar", ADMIN);
  while (h.lastKeyboard(ADMIN.id)!.buttons.some((b) => b.text.includes("Berikutnya"))) await h.tap("Berikutnya", ADMIN);
  return h.texts(ADMIN.id).slice(from).join("\n");
}

const markupAudit = (h: Harness) =>
  (h.app.deps.db.prepare("SELECT allowed, detail FROM audit_log WHERE action = 'markup' ORDER BY id").all() as { allowed: number; detail: string }[]).map(
    (r) => ({ allowed: r.allowed, ...JSON.parse(r.detail) }),
  );

it("/markup reseller brand TELKOMSEL 500: the reseller's price changes at once (order and /harga), umum's does not; hapus and undo put the rules back; each change audited", async () => {
  const h = await start();
  expect(await quoted(h, BUDI)).toBe(10_700);

  await h.send("/markup reseller brand telkomsel 500", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe(
    "✅ Markup reseller · brand TELKOMSEL: tidak ada → Rp 500. Berlaku sekarang.\nContoh: TELKOMSEL 5rb [sbx-tsel-5] modal Rp 5.350 → Rp 5.850.",
  );
  expect(await quoted(h, BUDI)).toBe(10_850);
  expect(await quoted(h, SARI)).toBe(11_500);
  expect(await adminPrices(h)).toContain(
    "• TELKOMSEL 10rb [sbx-tsel-10]\n   biaya Rp 10.350 → harga Rp 11.500 · margin Rp 1.150\n   reseller: Rp 10.850 · margin Rp 500",
  );

  await h.send("/markup agen kategori pulsa 2%", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain("✅ Markup agen · kategori pulsa: tidak ada → 2%.");
  // 10.350 + 2% (207) = 10.557; agen's file rule (+150) is less specific than a category rule.
  expect(await adminPrices(h)).toContain("   agen: Rp 10.557 · margin Rp 207");

  await h.send("/markup reseller brand TELKOMSEL hapus", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain("dihapus (sebelumnya Rp 500): kembali ke data/products.json.");
  expect(await quoted(h, BUDI)).toBe(10_700);

  await h.send("/markup undo", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain("↩️ Dibatalkan: markup reseller · brand TELKOMSEL kembali Rp 500 (tadi tidak ada).");
  expect(await quoted(h, BUDI)).toBe(10_850);
  await h.send("/markup", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain("• agen · kategori pulsa: 2%\n• reseller · brand TELKOMSEL: Rp 500");

  // Refusals change nothing and are audited too; a user may not use it at all.
  await h.send("/markup grosir brand XL 100", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("❌ Level grosir tidak ada. Level yang ada: umum, reseller, agen.");
  await h.send("/markup reseller brand XL seribu", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain("❌ seribu bukan markup.");
  await h.send("/markup reseller brand TELKOMSEL 0", BUDI);
  expect(h.lastText(BUDI.id)).not.toContain("✅");
  expect(await quoted(h, BUDI)).toBe(10_850);

  expect(markupAudit(h).map(({ allowed, outcome, level, target, before, after }) => ({ allowed, outcome, level, target, before, after }))).toEqual([
    { allowed: 1, outcome: "done", level: "reseller", target: "TELKOMSEL", before: null, after: '{"flat":500}' },
    { allowed: 1, outcome: "done", level: "agen", target: "pulsa", before: null, after: '{"percent":2}' },
    { allowed: 1, outcome: "done", level: "reseller", target: "TELKOMSEL", before: '{"flat":500}', after: null },
    { allowed: 1, outcome: "undone", level: "reseller", target: "TELKOMSEL", before: null, after: '{"flat":500}' },
    { allowed: 1, outcome: "shown", level: undefined, target: undefined, before: undefined, after: undefined },
    { allowed: 1, outcome: "unknown-level", level: undefined, target: undefined, before: undefined, after: undefined },
    { allowed: 1, outcome: "bad-value", level: undefined, target: undefined, before: undefined, after: undefined },
    { allowed: 0, outcome: "not-admin", level: undefined, target: undefined, before: undefined, after: undefined },
  ]);
  // The rule survives a restart: it is in SQLite, not in memory.
  const again = await testBot.start();
  expect(await again.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  expect(await quoted(again, BUDI)).toBe(10_850);
});

it("a chat rule of the default level prices every level that has no rule of its own for the product", async () => {
  const h = await start();
  await h.send("/markup umum kode sbx-tsel-10 0", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain("✅ Markup umum · kode sbx-tsel-10: tidak ada → Rp 0.");
  expect(await quoted(h, SARI)).toBe(10_350);
  // The reseller's own file rule (pulsa + Rp 300) still comes first.
  expect(await quoted(h, BUDI)).toBe(10_700);
});

it("/markup <level> tagihan: a bill's markup per level (by short code, product or category id); other levels keep the catalog's", async () => {
  const h = await start();
  const billPrice = async (user: ChatUser) => {
    await h.send("PLN.530000000001", user);
    const txId = summaryTxId(h, user)!;
    await h.send("batal", user);
    const tx = h.app.deps.payments.txs.get(txId)!;
    return { price: tx.price, cost: tx.cost };
  };
  // data/products.json: PLN Pascabayar's markup is a flat Rp 2.000 for everyone.
  const before = await billPrice(BUDI);
  expect(before.price - before.cost).toBe(2_000);

  await h.send("/markup reseller tagihan PLN 1000", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("✅ Markup reseller · tagihan pln-pascabayar: tidak ada → Rp 1.000. Berlaku sekarang.");
  const reseller = await billPrice(BUDI);
  expect(reseller.price - reseller.cost).toBe(1_000);
  const retail = await billPrice(SARI);
  expect(retail.price - retail.cost).toBe(2_000);

  // A category rule of the default level prices every level without a rule of its own.
  await h.send("/markup umum tagihan listrik 1,5%", ADMIN);
  const percent = await billPrice(SARI);
  expect(percent.price - percent.cost).toBe(Math.round((percent.cost * 1.5) / 100));
  expect((await billPrice(BUDI)).price - reseller.cost).toBe(1_000);
  // The admin's /harga shows bills as the default level pays them: the chat rule, not the file's Rp 2.000.
  await h.send("/harga", ADMIN);
  await h.tap("Listrik PLN", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain(
    "• PLN Pascabayar [pln]\n   provider: biaya admin tidak ada di daftar harga\n   markup 1,5% dari biaya (margin tergantung tagihan)",
  );

  await h.send("/markup reseller tagihan AIR-XYZ 500", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain("❌ Tagihan AIR-XYZ tidak ada.");
});
