import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { buyPrepaid, fundSari, stateOf } from "../support/pay.js";

/** The transaction PIN through the real bot: set by the user, asked before money moves, paused after wrong tries, reset by an admin. */

const clock = new Clock();
const testBot = botPerTest({ clock });
const PIN = "482916";
const TSEL_10 = ["0812-3456-7890", { tap: "TELKOMSEL 10rb" }];

let deletes = 0;

async function start(env: Record<string, string>): Promise<Harness> {
  deletes = 0;
  // Every call goes on to the emulator; the test only counts the messages the bot deleted.
  const h = await testBot.start({ env, apiFault: (method) => void (method === "deleteMessage" && deletes++) });
  await fundSari(h, 500_000);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return h;
}

const auditRows = (h: Harness) =>
  h.app.deps.db.prepare("SELECT actor_id AS actorId, action, allowed, target_user_id AS target, detail FROM audit_log ORDER BY id").all() as {
    actorId: number;
    action: string;
    allowed: number;
    target: number | null;
    detail: string;
  }[];

it("PIN_POLICY=always: no PIN yet refuses the purchase; /pin sets one (its message deleted); a wrong PIN is told with the tries left, the right one pays", async () => {
  const h = await start({ PIN_POLICY: "always" });
  const first = await buyPrepaid(h, "Pulsa", TSEL_10);
  expect(h.lastText()).toBe("🔒 Pembelian ini perlu PIN transaksi. Buat dulu dengan /pin <PIN baru>, contoh /pin 482916, lalu beli lagi.");
  expect(stateOf(h, first)).toBe("cancelled");
  expect(h.balance()).toBe(500_000);

  await h.send("/pin 12");
  expect(h.lastText()).toBe("PIN harus 4-6 angka.");
  expect(deletes).toBe(1);
  await h.send(`/pin ${PIN}`);
  expect(h.lastText()).toBe("✅ PIN transaksi tersimpan. Pesan berisi PIN sudah dihapus bila bisa.");
  expect(deletes).toBe(2);
  // Stored as a salted scrypt hash, never the PIN.
  const row = h.app.deps.db.prepare("SELECT salt, hash FROM user_pins WHERE user_id = ?").get(SARI.id) as { salt: string; hash: string };
  expect(row.salt).toMatch(/^[0-9a-f]{32}$/);
  expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(row.hash).not.toContain(PIN);

  const txId = await buyPrepaid(h, "Pulsa", TSEL_10);
  expect(h.lastText()).toBe("🔒 Ketik PIN transaksi kamu (4-6 angka).");
  expect(stateOf(h, txId)).toBe("quoted");
  await h.send("111111");
  expect(h.lastText()).toBe("❌ PIN salah. Sisa 2 kali coba.");
  expect(h.balance()).toBe(500_000);
  await h.send(PIN);
  expect(stateOf(h, txId)).toBe("success");
  expect(h.balance()).toBe(500_000 - 11_500);
  expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  // Both typed PINs are out of the chat.
  expect(deletes).toBe(4);

  // Changing needs the old PIN.
  await h.send("/pin 000000 135790");
  expect(h.lastText()).toBe("❌ PIN salah. Sisa 2 kali coba.");
  await h.send(`/pin ${PIN} 135790`);
  expect(h.lastText()).toBe("✅ PIN transaksi diganti.");

  const audit = auditRows(h).filter((r) => r.action.startsWith("pin"));
  expect(audit.map((r) => [r.action, r.allowed, JSON.parse(r.detail)])).toEqual([
    ["pin-set", 1, { outcome: "done" }],
    ["pin-check", 0, { purpose: "purchase", outcome: "wrong" }],
    ["pin-check", 1, { purpose: "purchase", outcome: "right" }],
    ["pin-check", 0, { purpose: "change", outcome: "wrong" }],
    ["pin-check", 1, { purpose: "change", outcome: "right" }],
    ["pin-change", 1, { outcome: "done" }],
  ]);
  const everything = JSON.stringify(auditRows(h));
  for (const pin of [PIN, "111111", "000000", "135790"]) expect(everything).not.toContain(pin);
});

it("three wrong PINs pause the purchases, the user and the admins are told; the pause refuses the next purchase; /resetpin (audited) ends it", async () => {
  const h = await start({ PIN_POLICY: "always", PIN_MAX_TRIES: "3", PIN_PAUSE_MINUTES: "30" });
  await h.send(`/pin ${PIN}`);
  const txId = await buyPrepaid(h, "Pulsa", TSEL_10);
  await h.send("111111");
  await h.send("222222");
  expect(h.lastText()).toBe("❌ PIN salah. Sisa 1 kali coba.");
  await h.send("333333");
  expect(h.lastText()).toMatch(/^⛔ Terlalu banyak PIN salah\. Pembelian dari akun ini dijeda sampai .+\. Lupa PIN\? Hubungi admin\.$/);
  expect(stateOf(h, txId)).toBe("cancelled");
  expect(h.balance()).toBe(500_000);
  expect(h.lastText(ADMIN.id)).toMatch(
    /^⛔ @sari \(id 42\) salah PIN terlalu sering: pembeliannya dijeda sampai .+\. Hapus PIN-nya dengan \/resetpin 42 bila memang dia\.$/,
  );

  // Even the right PIN does not help while paused: the purchase stops at Bayar.
  const again = await buyPrepaid(h, "Pulsa", TSEL_10);
  expect(h.lastText()).toMatch(/^⛔ Terlalu banyak PIN salah/);
  expect(stateOf(h, again)).toBe("cancelled");

  await h.send("/resetpin 42", SARI);
  expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
  await h.send("/resetpin 42", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("✅ PIN @sari dihapus; jeda pembeliannya (bila ada) selesai.");
  expect(h.lastText()).toBe("🔓 Admin menghapus PIN transaksi kamu. Buat yang baru dengan /pin <PIN baru>.");
  expect(auditRows(h).filter((r) => r.action === "resetpin")).toEqual([
    expect.objectContaining({ actorId: SARI.id, allowed: 0 }),
    expect.objectContaining({ actorId: ADMIN.id, allowed: 1, target: SARI.id }),
  ]);
  await h.send("/pin 135790");
  await buyPrepaid(h, "Pulsa", TSEL_10);
  await h.send("135790");
  expect(h.balance()).toBe(500_000 - 11_500);
});

it("the pause ends by itself after PIN_PAUSE_MINUTES", async () => {
  const h = await start({ PIN_POLICY: "always", PIN_MAX_TRIES: "2", PIN_PAUSE_MINUTES: "30" });
  await h.send(`/pin ${PIN}`);
  await buyPrepaid(h, "Pulsa", TSEL_10);
  await h.send("111111");
  await h.send("222222");
  expect(h.lastText()).toMatch(/^⛔ Terlalu banyak PIN salah/);
  clock.advance(31 * 60_000);
  await h.app.prepaidPrices.refresh();
  await buyPrepaid(h, "Pulsa", TSEL_10);
  expect(h.lastText()).toBe("🔒 Ketik PIN transaksi kamu (4-6 angka).");
  await h.send(PIN);
  expect(h.balance()).toBe(500_000 - 11_500);
});

it("PIN_POLICY=above: a purchase under PIN_ABOVE_AMOUNT pays without the PIN, one at or above it asks", async () => {
  const h = await start({ PIN_POLICY: "above", PIN_ABOVE_AMOUNT: "20000" });
  await h.send(`/pin ${PIN}`);
  const cheap = await buyPrepaid(h, "Pulsa", TSEL_10);
  expect(stateOf(h, cheap)).toBe("success");
  await buyPrepaid(h, "Pulsa", ["0812-3456-7890", { tap: "TELKOMSEL 25rb" }]);
  expect(h.lastText()).toBe("🔒 Ketik PIN transaksi kamu (4-6 angka).");
  await h.send(PIN);
  expect(h.balance()).toBe(500_000 - 11_500 - 26_500);
});

it("PIN_POLICY=off (the default): no PIN is asked even when the user set one", async () => {
  const h = await start({});
  await h.send(`/pin ${PIN}`);
  const txId = await buyPrepaid(h, "Pulsa", TSEL_10);
  expect(stateOf(h, txId)).toBe("success");
});
