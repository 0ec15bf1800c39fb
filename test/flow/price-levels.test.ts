import { expect, it } from "vitest";
import type { ChatUser } from "../../src/channels/emulator.js";
import { botPerTest } from "../support/bot-per-test.js";
import { booksProblems } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { fundSari, summaryTxId } from "../support/pay.js";

/**
 * Price levels through the real bot against the sandbox biller, with data/products.json's levels:
 * umum (the default, prepaid.markup: pulsa + Rp 1.000 rounded up to Rp 500), reseller (pulsa + Rp 300
 * rounded up to Rp 100, nothing of its own for e-wallets) and agen (+ Rp 150 on everything).
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const BUDI: ChatUser = { id: 77, firstName: "Budi", username: "budicell" };

async function start(env: Record<string, string> = {}) {
  const h = await testBot.start({ env });
  await fundSari(h, 500_000);
  await h.send("/start", BUDI);
  h.app.deps.wallet.post({ userId: BUDI.id, amount: 500_000, kind: "topup", actorId: 1 });
  await h.send("/start", ADMIN);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return h;
}

const balanceOf = (h: Harness, id: number) => h.app.deps.users.get(id)!.balance;
const tselButtons = async (h: Harness, user: ChatUser) => {
  await h.send("/beli", user);
  await h.tap("Pulsa", user);
  await h.send("081234567890", user);
  return h.lastKeyboard(user.id)!.buttons.map((b) => b.text);
};
const levelAudit = (h: Harness) =>
  (
    h.app.deps.db.prepare("SELECT actor_id AS actor, allowed, target_user_id AS target, detail FROM audit_log WHERE action = 'level' ORDER BY id").all() as {
      actor: number;
      allowed: number;
      target: number | null;
      detail: string;
    }[]
  ).map((r) => ({ ...r, detail: JSON.parse(r.detail) }));

it("a retail user and a reseller see and pay their own level's price for the same product, in the menu and in one line; the books hold", async () => {
  const h = await start();
  await h.send(`/level ${BUDI.id} reseller`, ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("✅ Level harga @budicell: umum → reseller. Harga berikutnya memakai level ini.");
  expect(h.lastText(BUDI.id)).toBe("ℹ️ Level harga kamu sekarang: reseller.");

  expect((await tselButtons(h, SARI)).slice(0, 2)).toEqual(["TELKOMSEL 5rb – Rp 6.500", "TELKOMSEL 10rb – Rp 11.500"]);
  expect((await tselButtons(h, BUDI)).slice(0, 2)).toEqual(["TELKOMSEL 5rb – Rp 5.700", "TELKOMSEL 10rb – Rp 10.700"]);

  await h.tap("TELKOMSEL 10rb", BUDI);
  expect(h.lastText(BUDI.id)).toContain("Harga: Rp 10.700");
  const budiTx = summaryTxId(h, BUDI)!;
  await h.tap("Bayar", BUDI);
  await h.tap("TELKOMSEL 10rb", SARI);
  expect(h.lastText()).toContain("Harga: Rp 11.500");
  const sariTx = summaryTxId(h)!;
  await h.tap("Bayar");
  expect(h.app.deps.payments.txs.get(budiTx)).toMatchObject({ state: "success", price: 10_700, cost: 10_350, userId: BUDI.id });
  expect(h.app.deps.payments.txs.get(sariTx)).toMatchObject({ state: "success", price: 11_500, cost: 10_350, userId: SARI.id });

  // One-line orders price the same way.
  await h.send("sbx-xl-10.087800001230", BUDI);
  expect(h.lastText(BUDI.id)).toContain("Harga: Rp 10.700");
  await h.send("ya", BUDI);
  await h.send("sbx-xl-10.087800001231");
  expect(h.lastText()).toContain("Harga: Rp 11.500");
  await h.send("ya");

  // A level without a rule of its own for a product uses the default's (reseller has none for e-wallets).
  await h.send("sbx-dana-50.081234567890", BUDI);
  expect(h.lastText(BUDI.id)).toContain("Harga: Rp 52.000");
  await h.send("ya", BUDI);

  expect(balanceOf(h, BUDI.id)).toBe(500_000 - 10_700 - 10_700 - 52_000);
  expect(balanceOf(h, SARI.id)).toBe(500_000 - 11_500 - 11_500);
  expect(booksProblems(h.app.deps.db)).toEqual([]);
});

it("an admin's level change is audited and the next quote uses it; a quote already shown keeps its price", async () => {
  const h = await start();
  await h.send("sbx-tsel-10.081234567890");
  const before = summaryTxId(h)!;
  expect(h.lastText()).toContain("Harga: Rp 11.500");
  await h.send(`/level @sari agen`, ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("✅ Level harga @sari: umum → agen. Harga berikutnya memakai level ini.");
  await h.send("ya");
  expect(h.app.deps.payments.txs.get(before)).toMatchObject({ state: "success", price: 11_500 });

  await h.send("sbx-tsel-10.081234567890");
  await h.send("ya");
  const next = summaryTxId(h);
  // Both purchases are dated the same instant of the test clock: the new one is the one that is not `before`.
  expect(h.app.deps.payments.txs.byUser(SARI.id, 5).find((t) => t.id !== before)).toMatchObject({ state: "success", price: 10_500 });
  expect(next).toBeUndefined();
  expect(balanceOf(h, SARI.id)).toBe(500_000 - 11_500 - 10_500);

  await h.send(`/level ${SARI.id}`, ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("Level harga @sari: agen. Level yang ada: umum, reseller, agen.");
  await h.send(`/level ${SARI.id} agen`, ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("@sari sudah di level agen.");
  await h.send(`/level ${SARI.id} grosir`, ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("❌ Level grosir tidak ada. Level yang ada: umum, reseller, agen.");
  await h.send("/level", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("Format: /level <pengguna> [level]");
  await h.send(`/level ${SARI.id} reseller`);
  expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
  expect(h.app.deps.users.priceLevel(SARI.id)).toBe("agen");

  expect(levelAudit(h).map((r) => [r.actor, r.allowed, r.target, r.detail.outcome, r.detail.from ?? null, r.detail.to ?? null])).toEqual([
    [ADMIN.id, 1, SARI.id, "done", "umum", "agen"],
    [ADMIN.id, 1, SARI.id, "shown", null, null],
    [ADMIN.id, 1, SARI.id, "unchanged", null, null],
    [ADMIN.id, 1, SARI.id, "unknown-level", null, null],
    [ADMIN.id, 1, null, "usage", null, null],
    [SARI.id, 0, null, "not-admin", null, null],
  ]);
  expect(booksProblems(h.app.deps.db)).toEqual([]);
});

it("PRICE_LEVEL_DEFAULT puts new users at another level; /harga shows every level's price and margin", async () => {
  const h = await start({ PRICE_LEVEL_DEFAULT: "reseller" });
  expect((await tselButtons(h, SARI))[1]).toBe("TELKOMSEL 10rb – Rp 10.700");
  await h.send("/batal");
  await h.send(`/level ${SARI.id}`, ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("Level harga @sari: reseller. Level yang ada: reseller, agen.");

  await h.send("/harga", ADMIN);
  await h.tap("Prabayar", ADMIN);
  while (h.lastKeyboard(ADMIN.id)!.buttons.some((b) => b.text.includes("Berikutnya"))) await h.tap("Berikutnya", ADMIN);
  const all = h.texts(ADMIN.id).join("\n");
  // The first line is the default level's (here reseller); umum is no level unless prepaid.levels names it.
  expect(all).toContain("• TELKOMSEL 10rb [sbx-tsel-10]\n   biaya Rp 10.350 → harga Rp 10.700 · margin Rp 350\n   agen: Rp 10.500 · margin Rp 150");
});
