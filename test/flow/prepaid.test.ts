import { describe, expect, it } from "vitest";
import { SANDBOX_PREPAID_PRODUCTS } from "../../src/providers/sandbox/prepaid.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI } from "../support/harness.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import { fundSari, summaryTxId } from "../support/pay.js";

/** Prepaid purchases through the real bot against the sandbox biller (the terminal demo's provider). */

// 10:00 WIB: outside the sandbox PLN tokens' daily cut-off (23:00-01:00 WIB) unless a test moves it.
const clock = new Clock();
const testBot = botPerTest({ clock });
const stateOf = (h: Awaited<ReturnType<typeof start>>, txId: string) => h.app.deps.payments.txs.get(txId)!.state;

async function start() {
  const h = await testBot.start();
  await fundSari(h, 500_000);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return h;
}

it("pulsa: the number picks the operator, its products cheapest first with the markup, an unknown prefix is explained, then confirm and receipt", async () => {
  const h = await start();
  await h.send("/beli");
  await h.tap("Pulsa");
  expect(h.lastText()).toBe("Ketik nomor HP tujuan, contoh 081234567890.");
  await h.send("0800 1234 5678");
  expect(h.lastText()).toContain("Nomor 080012345678 tidak cocok dengan operator mana pun");
  await h.send("hmm");
  expect(h.lastText()).toContain("Itu bukan nomor HP");
  await h.send("0812-3456-7890");
  expect(h.texts()).toContain("Operator: Telkomsel");
  // Telkomsel only, cheapest first, price = cost + Rp 1.000 rounded up to Rp 500; the unavailable 100rb is not there.
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual([
    "TELKOMSEL 5rb – Rp 6.500",
    "TELKOMSEL 10rb – Rp 11.500",
    "TELKOMSEL 25rb – Rp 26.500",
    "TELKOMSEL 50rb – Rp 51.500",
    "✖️ Batal",
  ]);
  await h.tap("TELKOMSEL 10rb");
  const txId = summaryTxId(h)!;
  expect(h.lastText()).toBe(
    [
      "🛒 Konfirmasi pembelian",
      "",
      "Produk: TELKOMSEL 10rb",
      "Nomor HP: 081234567890",
      "",
      "Harga: Rp 11.500",
      "",
      "Saldo kamu: Rp 500.000",
      "Lanjut bayar?",
    ].join("\n"),
  );
  await h.tap("Bayar");
  expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ state: "success", price: 11_500, cost: 10_350, productId: "prepaid:sbx-tsel-10" });
  expect(h.balance()).toBe(500_000 - 11_500);
  const receipt = h.lastText();
  expect(receipt).toContain("✅ Pembayaran berhasil");
  expect(receipt).toMatch(/SN \(salin\):\nSBX\d{10}\n/);
  expect(receipt).toContain("Produk: TELKOMSEL 10rb");
});

it("PLN token: the meter is checked first (one that does not exist is asked again), name and tariff shown, then the nominal; the receipt puts the token first in groups of four with kWh", async () => {
  const h = await start();
  await h.send("/beli");
  await h.tap("Token listrik");
  await h.send("99999999999");
  // The purchase goes on: the corrected number is the answer, not "belum mengerti".
  expect(h.lastText()).toBe("❌ Nomor meter 99999999999 tidak terdaftar di PLN. Periksa lagi nomornya, lalu ketik ulang (11–12 angka), atau /batal.");
  await h.send("1234-5678-901");
  const meter = h.texts().find((t) => t.startsWith("✅ Nomor meter 12345678901 terdaftar."))!;
  expect(meter).toMatch(/\nNama: [A-Z ]+\nTarif\/daya: R1 \/ 1\.300 VA$/);
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual([
    "Token PLN 20rb – Rp 23.000",
    "Token PLN 50rb – Rp 53.000",
    "Token PLN 100rb – Rp 103.000",
    "✖️ Batal",
  ]);
  await h.tap("Token PLN 50rb");
  expect(h.lastText()).toContain("Nomor meter: 12345678901\nNama: ");
  expect(h.lastText()).toContain("Tarif/daya: R1 / 1.300 VA\n\nHarga: Rp 53.000");
  const txId = summaryTxId(h)!;
  await h.tap("Bayar");
  const tx = h.app.deps.payments.txs.get(txId)!;
  expect(tx.state).toBe("success");
  expect(tx.token?.token).toMatch(/^\d{20}$/);
  const [title, , tokenTitle, token, kwh] = h.lastText().split("\n");
  expect([title, tokenTitle, kwh]).toEqual(["✅ Pembayaran berhasil", "⚡ TOKEN LISTRIK:", `${tx.token!.kwh} kWh`]);
  expect(token).toBe(tx.token!.token.replace(/(\d{4})(?=\d)/g, "$1 "));
});

it("PLN token: a meter the biller does not know is asked again a bounded number of times; /batal at the question ends it", async () => {
  const h = await start();
  await h.send("/beli");
  await h.tap("Token listrik");
  await h.send("99999999999");
  await h.send("batal");
  expect(h.lastText()).toBe("Dibatalkan. Saldo kamu tidak berubah.");
  await h.send("/beli");
  await h.tap("Token listrik");
  for (let i = 0; i < 4; i++) {
    await h.send("99999999999");
    expect(h.lastText()).toContain("Nomor meter 99999999999 tidak terdaftar di PLN");
  }
  await h.send("99999999999");
  expect(h.lastText()).toBe("Jawabannya belum cocok beberapa kali, jadi langkah ini saya hentikan dulu. Ketik /start untuk mulai lagi.");
  expect(h.app.deps.payments.txs.byUser(SARI.id, 5)).toEqual([]);
  expect(h.balance()).toBe(500_000);
});

it("a product in its daily cut-off window leaves the menu, and 'beli lagi' explains until when", async () => {
  const h = await start();
  await h.send("/beli");
  await h.tap("Token listrik");
  await h.send("12345678901");
  await h.tap("Token PLN 20rb");
  await h.tap("Bayar");
  await h.tap("Simpan nomor ini");
  await h.send("Rumah");
  // A quote left open into the cut-off window: asked again at Bayar, it is refused as the cut-off, charging nothing.
  await h.send("/beli");
  await h.tap("Token listrik");
  await h.send("12345678901");
  await h.tap("Token PLN 20rb");
  const balance = h.balance();
  clock.advance(13.5 * 3_600_000); // 23:30 WIB
  // The hourly refresh keeps the list fresh meanwhile (an older one is not sold from at all).
  await h.app.prepaidPrices.refresh();
  await h.tap("Bayar");
  expect(h.lastText()).toBe("🌙 Biller sedang tutup buku (cut-off). Coba lagi nanti; untuk PLN biasanya setelah pukul 01.00 WIB.");
  expect(h.balance()).toBe(balance);
  await h.send("/beli");
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["📱 Pulsa", "🌐 Paket data", "👛 E-wallet", "🎮 Top-up game", "🎟 Voucher", "✖️ Batal"]);
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).not.toContain("⚡ Token listrik PLN");
  await h.tap("Batal");
  await h.send("/favorit");
  expect(h.lastText()).toContain("Rumah – Token PLN 20rb 12345678901");
  await h.tap("Rumah");
  expect(h.lastText()).toBe("🌙 Token PLN 20rb sedang tutup harian, bisa dibeli lagi mulai pukul 01:00 WIB. Saldo kamu tidak berubah.");
  clock.advance(2 * 3_600_000); // 01:30 WIB
  await h.app.prepaidPrices.refresh();
  await h.send("/favorit");
  await h.tap("Rumah");
  expect(h.lastText()).toContain("Nomor meter: 12345678901");
  expect(summaryTxId(h)).toBeDefined();
});

it("e-wallet open amount: the amount is asked within the product's range, the account name is shown before paying, the receipt shows the amount topped up", async () => {
  const h = await start();
  await h.send("/beli");
  await h.tap("E-wallet");
  await h.tap("GOPAY");
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["GOPAY nominal bebas (Rp 10.000–Rp 1.000.000)", "GOPAY 50rb – Rp 52.000", "✖️ Batal"]);
  await h.tap("nominal bebas");
  await h.send("0812 3456 7890");
  expect(h.lastText()).toBe("Ketik nominal top-up, antara Rp 10.000 dan Rp 1.000.000.");
  await h.send("5000");
  expect(h.lastText()).toContain("Nominal harus antara Rp 10.000 dan Rp 1.000.000");
  await h.send("75rb");
  // Cost: the amount plus the sandbox's Rp 1.000 fee; price: + Rp 1.000, rounded up to Rp 100.
  expect(h.lastText()).toMatch(/Nomor akun: 081234567890\nNama: [A-Z ]+\n\nNominal top-up: Rp 75\.000\nHarga: Rp 77\.000/);
  const txId = summaryTxId(h)!;
  await h.tap("Bayar");
  expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ state: "success", price: 77_000, cost: 76_000 });
  // The receipt says what reached the account, not only what was paid.
  expect(h.lastText()).toMatch(/\nNomor akun: 081234567890\nNama: [A-Z ]+\nNominal top-up: Rp 75\.000\nHarga: Rp 77\.000\n/);
});

it("game: the player id and zone id (digits only: abc is refused and asked again) are asked one by one, the nickname is shown before paying, both go to the provider", async () => {
  const h = await start();
  await h.send("/beli");
  await h.tap("Top-up game");
  await h.tap("MOBILE LEGENDS");
  await h.tap("Mobile Legends 86 Diamonds");
  expect(h.lastText()).toBe("Ketik ID pemain (User ID) kamu.");
  await h.send("59551114");
  expect(h.lastText()).toBe("Ketik Zone ID kamu.");
  await h.send("abc");
  expect(h.lastText()).toBe("Zone ID hanya berisi angka (maks. 12), contoh 2101. Ketik ulang ya.");
  await h.send("21 01");
  expect(h.lastText()).toBe("Zone ID hanya berisi angka (maks. 12), contoh 2101. Ketik ulang ya.");
  await h.send("2101");
  expect(h.lastText()).toMatch(/ID pemain: 59551114 \(2101\)\nNama: [A-Z ]+\n\nHarga: Rp 21\.000/);
  const txId = summaryTxId(h)!;
  await h.tap("Bayar");
  const tx = h.app.deps.payments.txs.get(txId)!;
  expect(tx.state).toBe("success");
  expect(tx.bill.fields).toEqual([{ name: "zone_id", value: "2101" }]);
});

it("short of money: the summary offers a top-up and Batal, and asks no 'Lanjut bayar?' without a Bayar button", async () => {
  const h = await testBot.start();
  await fundSari(h, 5_000);
  await h.app.prepaidPrices.refresh();
  await h.send("/beli");
  await h.tap("Pulsa");
  await h.send("081234567890");
  await h.tap("TELKOMSEL 10rb");
  const txId = /^topup:(\S+)$/.exec(h.lastKeyboard()!.buttons[0]!.data)![1]!;
  expect(h.lastText()).toBe(
    [
      "🛒 Konfirmasi pembelian",
      "",
      "Produk: TELKOMSEL 10rb",
      "Nomor HP: 081234567890",
      "",
      "Harga: Rp 11.500",
      "",
      "Saldo kamu: Rp 5.000",
      '⚠️ Saldo kurang Rp 6.500. Tekan "Isi saldo" untuk cara isi saldo (/deposit), atau Batal.',
    ].join("\n"),
  );
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["💳 Isi saldo", "✖️ Batal"]);
  await h.tap("Isi saldo");
  expect(h.lastText()).toContain("💳 Cara isi saldo:");
  expect(stateOf(h, txId)).toBe("cancelled");
  expect(h.balance()).toBe(5_000);
});

it("a top-up the provider refuses is refunded once; one left pending holds the money until the status check settles it", async () => {
  const h = await start();
  const buy = async (number: string) => {
    await h.send("/beli");
    await h.tap("Pulsa");
    await h.send(number);
    await h.tap("XL 5rb");
    const txId = summaryTxId(h)!;
    await h.tap("Bayar");
    return txId;
  };
  const failed = await buy("087800001232");
  expect(stateOf(h, failed)).toBe("failed");
  expect(h.lastText()).toContain("Dana Rp 6.500 sudah dikembalikan");
  expect(h.balance()).toBe(500_000);
  const pending = await buy("087800001233");
  expect(stateOf(h, pending)).toBe("pending");
  expect(h.balance()).toBe(500_000 - 6_500);
  clock.advance(60_000);
  await h.app.worker.checkNow(pending);
  expect(stateOf(h, pending)).toBe("success");
  expect(h.balance()).toBe(500_000 - 6_500);
});

it("never sells at a loss: a cost that rose above the quoted price since the quote is refused at Bayar, nothing is charged", async () => {
  const h = await start();
  await h.send("/beli");
  await h.tap("Pulsa");
  await h.send("081234567890");
  await h.tap("TELKOMSEL 5rb");
  const txId = summaryTxId(h)!;
  // The hourly refresh brings a higher cost: Rp 7.000 against the Rp 6.500 the user was shown.
  const risen = SANDBOX_PREPAID_PRODUCTS.map((p) => (p.code === "sbx-tsel-5" ? { ...p, cost: 7_000 } : p));
  h.app.deps.prepaidProducts.save("sandbox", risen, clock.now());
  await h.tap("Bayar");
  expect(h.lastText()).toBe(
    "⚠️ Harga produk ini di provider baru saja naik melebihi Rp 6.500, jadi pembelian dibatalkan dan saldo kamu tidak berubah. Silakan pilih lagi dengan /beli untuk melihat harga terbaru.",
  );
  expect(stateOf(h, txId)).toBe("cancelled");
  expect(h.balance()).toBe(500_000);
  // Chosen again, it is priced from the new cost.
  await h.send("/beli");
  await h.tap("Pulsa");
  await h.send("081234567890");
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toContain("TELKOMSEL 5rb – Rp 8.000");
});

it("an admin hides a product by code (in any case) and shows it again, both audited; /harga lists prepaid costs, prices, margins and flags", async () => {
  const h = await start();
  await h.send("/start", ADMIN);
  await h.send("/sembunyikan sbx-tsel-5", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("🙈 TELKOMSEL 5rb [sbx-tsel-5] disembunyikan dari menu.");
  // The code in any case is the same product; the answer names the code as the provider writes it.
  await h.send("/sembunyikan SBX-TSEL-5", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("TELKOMSEL 5rb [sbx-tsel-5] sudah disembunyikan.");
  await h.send("/sembunyikan nope", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("Produk dengan kode nope tidak ada di daftar harga prabayar provider.");
  await h.send("/sembunyikan sbx-tsel-10");
  expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");

  await h.send("/beli");
  await h.tap("Pulsa");
  await h.send("081234567890");
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)[0]).toBe("TELKOMSEL 10rb – Rp 11.500");
  await h.send("/batal");

  await h.send("/harga", ADMIN);
  await h.tap("Prabayar", ADMIN);
  const page = h.lastText(ADMIN.id);
  expect(page).toContain(`📱 Produk prabayar (1/${Math.ceil(SANDBOX_PREPAID_PRODUCTS.length / 10)}, ${SANDBOX_PREPAID_PRODUCTS.length} produk)`);
  while (h.lastKeyboard(ADMIN.id)!.buttons.some((b) => b.text.includes("Berikutnya"))) await h.tap("Berikutnya", ADMIN);
  const all = h.texts(ADMIN.id).join("\n");
  expect(all).toContain(
    "• TELKOMSEL 5rb [sbx-tsel-5]\n   biaya Rp 5.350 → harga Rp 6.500 · margin Rp 1.150\n   reseller: Rp 5.700 · margin Rp 350\n   agen: Rp 5.500 · margin Rp 150\n   🙈 disembunyikan admin",
  );
  expect(all).toContain(
    "• TELKOMSEL 100rb [sbx-tsel-100]\n   biaya Rp 100.350 → harga Rp 101.500 · margin Rp 1.150\n   reseller: Rp 100.700 · margin Rp 350\n   agen: Rp 100.500 · margin Rp 150\n   ⛔ tidak tersedia di provider",
  );

  await h.send("/tampilkan Sbx-Tsel-5", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("👁 TELKOMSEL 5rb [sbx-tsel-5] tampil lagi di menu.");
  const audit = h.app.deps.db.prepare("SELECT action, allowed, detail FROM audit_log WHERE action IN ('sembunyikan','tampilkan') ORDER BY id").all() as {
    action: string;
    allowed: number;
    detail: string;
  }[];
  expect(audit.map((a) => [a.action, a.allowed, JSON.parse(a.detail).outcome ?? null])).toEqual([
    ["sembunyikan", 1, "done"],
    ["sembunyikan", 1, "unchanged"],
    ["sembunyikan", 1, "unknown-product"],
    ["sembunyikan", 0, "not-admin"],
    ["tampilkan", 1, "done"],
  ]);
});

describe("a long price list", () => {
  // A provider's data list runs to hundreds of packages per operator, each with a description.
  const packages = Array.from({ length: 300 }, (_, i) => ({
    ...SANDBOX_PREPAID_PRODUCTS.find((p) => p.code === "sbx-tsel-data-5gb")!,
    code: `big-tsel-${i}`,
    name: `TELKOMSEL Data ${i + 1}GB`,
    cost: 10_000 + i * 1_000,
    description: `Kuota ${i + 1}GB 30 hari, berlaku nasional, termasuk kuota aplikasi dan kuota malam. `.repeat(4),
  }));
  let listed = [...SANDBOX_PREPAID_PRODUCTS, ...packages];
  const provider = {
    ...createSandboxProvider(),
    prepaidPriceList: async () => ({ kind: "success" as const, value: listed, raw: "{}" }),
  };
  const startBig = async () => {
    listed = [...SANDBOX_PREPAID_PRODUCTS, ...packages];
    const h = await testBot.start({ provider });
    await fundSari(h, 500_000);
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    return h;
  };
  const stored = (h: Awaited<ReturnType<typeof startBig>>) =>
    (h.app.deps.db.prepare("SELECT length(value) AS n FROM conversations WHERE key = ?").get(String(SARI.id)) as { n: number }).n;

  it("is not copied into the flow: the stored state stays a few KB while the list is open and after the choice", async () => {
    const h = await startBig();
    await h.send("/beli");
    await h.tap("Paket data");
    await h.send("081234567890");
    expect(h.lastKeyboard()!.buttons[0]!.text).toBe("TELKOMSEL Data 1GB – Rp 10.500");
    // Kept whole, the 300 packages made the state 159 KB; the flow keeps code, name and price, under 100 bytes each.
    expect(stored(h)).toBeLessThan(300 * 100);
    await h.tap("TELKOMSEL Data 2GB");
    expect(h.lastText()).toContain("Produk: TELKOMSEL Data 2GB");
    expect(stored(h)).toBeLessThan(300 * 100);
    await h.tap("Bayar");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  });

  it("a package that runs out while the list is open is explained at the press, nothing quoted or charged", async () => {
    const h = await startBig();
    await h.send("/beli");
    await h.tap("Paket data");
    await h.send("081234567890");
    listed = listed.map((p) => (p.code === "big-tsel-1" ? { ...p, available: false } : p));
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    await h.tap("TELKOMSEL Data 2GB");
    expect(h.lastText()).toBe(
      "⚠️ TELKOMSEL Data 2GB sedang tidak tersedia dari provider. Saldo kamu tidak berubah. Coba lagi nanti, atau pilih produk lain dengan /beli.",
    );
    expect(h.app.deps.db.prepare("SELECT COUNT(*) AS n FROM transactions").get()).toEqual({ n: 0 });
    expect(h.balance()).toBe(500_000);
  });

  it("a brand whose products all went while its name was on screen ends the flow with 'nothing to buy'", async () => {
    const h = await startBig();
    await h.send("/beli");
    await h.tap("E-wallet");
    expect(h.lastText()).toBe("Pilih layanannya:");
    listed = listed.filter((p) => p.brand !== "OVO");
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    await h.tap("OVO");
    expect(h.lastText()).toBe("Belum ada produk prabayar yang bisa dibeli saat ini. Coba lagi nanti.");
    await h.send("081234567890");
    expect(h.lastText()).not.toContain("Belum ada produk");
    expect(h.balance()).toBe(500_000);
  });
});
