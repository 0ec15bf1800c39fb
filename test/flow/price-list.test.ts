import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import type { Provider } from "../../src/providers/provider.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { formatRupiah as rupiah } from "../../src/billing/format.js";
import { ADMIN, type Harness } from "../support/harness.js";
import { fundSari, payPln, summaryTxId } from "../support/pay.js";
import { digiflazzEnv } from "../support/provider-env.js";

/**
 * The provider's price list decides what is on offer: a product it lists as inactive leaves the
 * menu until a refresh lists it active again; a refresh that fails keeps the last good list (in
 * SQLite, so a restart has it too) and tells the admins once. /harga puts the list next to the
 * catalog's markups and the books.
 */

const testBot = botPerTest({ clock: new Clock() });

/** The labels of the buttons on the bot's newest keyboard for Sari. */
const buttons = (h: Harness) => h.lastKeyboard()!.buttons.map((b) => b.text);
const alerts = (h: Harness) => h.texts(ADMIN.id).filter((t) => t.includes("Daftar harga dari provider tidak bisa diambil"));

describe("Digiflazz stand-in", () => {
  let stub: DigiflazzStub;
  beforeEach(async () => {
    stub = await startDigiflazzStub({ apiKey: "dev-key-123" });
  });
  afterEach(() => stub.close());
  const start = () => testBot.start({ env: digiflazzEnv(stub) });

  it("hides a product the provider lists as inactive and offers it again once it is listed active", async () => {
    const h = await start();
    await fundSari(h);
    stub.setListing("pdam", "inactive");
    expect(await h.app.prices.refresh()).toEqual({ kind: "refreshed", items: 12 });
    await h.send("/bayar");
    // PDAM is the only water product Digiflazz serves here: its whole category goes.
    expect(buttons(h)).not.toContain("Air PDAM");
    expect(buttons(h)).toContain("Listrik PLN");

    stub.setListing("pdam", "active");
    await h.app.prices.refresh();
    await h.send("/bayar");
    await h.tap("Air PDAM");
    await h.tap(/^PDAM$/);
    await h.send("1013226");
    expect(summaryTxId(h), h.lastText()).toBeDefined();
  });

  it("explains a saved number whose product went inactive instead of paying it", async () => {
    const h = await start();
    await fundSari(h);
    h.app.deps.favorites.save(42, "pdam", { customerNo: "1013226" }, "Rumah");
    stub.setListing("pdam", "inactive");
    await h.app.prices.refresh();
    await h.send("/favorit");
    await h.tap("Rumah");
    expect(h.lastText()).toBe("⚠️ PDAM sedang tidak tersedia dari provider. Saldo kamu tidak berubah. Coba lagi nanti, atau pilih produk lain dengan /bayar.");
    expect(stub.calls.filter((c) => c.command === "inq-pasca")).toHaveLength(0);
  });

  it("keeps the last good list when a refresh fails, across a restart, and tells the admins once", async () => {
    let h = await start();
    await h.send("/start", ADMIN);
    stub.setListing("pdam", "inactive");
    await h.app.prices.refresh();
    stub.setMode("http500", { commands: ["pricelist"] });
    expect(await h.app.prices.refresh()).toMatchObject({ kind: "failed", firstFailure: true });
    expect(await h.app.prices.refresh()).toMatchObject({ kind: "failed", firstFailure: false });
    expect(alerts(h)).toHaveLength(1);
    expect(alerts(h)[0]).toContain("Menu tetap memakai daftar terakhir");
    expect(h.app.deps.offer.check("pdam").kind).toBe("inactive");

    // A restart reads the list from SQLite before any fetch, and the outage is not told again.
    h = await start();
    expect(h.app.deps.offer.check("pdam").kind).toBe("inactive");
    expect(await h.app.prices.refresh()).toMatchObject({ kind: "failed", firstFailure: false });
    expect(alerts(h)).toHaveLength(0);

    // Back to normal: the list is fresh and a later outage is told again.
    stub.setMode(undefined);
    stub.setListing("pdam", "active");
    expect(await h.app.prices.refresh()).toMatchObject({ kind: "refreshed" });
    expect(h.app.deps.offer.check("pdam").kind).toBe("offered");
    expect(h.app.deps.priceLists.state("digiflazz").failingSince).toBeUndefined();
    stub.setMode("http500", { commands: ["pricelist"] });
    await h.send("/start", ADMIN);
    expect(await h.app.prices.refresh()).toMatchObject({ kind: "failed", firstFailure: true });
    expect(alerts(h)).toHaveLength(1);
  });

  it("/harga flags a product listed inactive and one missing from the list, with the provider's admin fee", async () => {
    const h = await start();
    stub.setListing("pdam", "inactive");
    stub.setListing("tv", "absent");
    await h.app.prices.refresh();
    await h.send("/harga", ADMIN);
    const overview = h.lastText(ADMIN.id);
    expect(overview).toContain("💲 Harga dan margin (provider digiflazz)");
    expect(overview).toContain("⚠️ 2 produk perlu dicek:");
    expect(overview).toContain("• PDAM: ⛔ nonaktif di provider (tidak tampil di menu)");
    expect(overview).toContain("• TV Kabel: ❓ tidak ada di daftar provider (kode tv)");
    await h.tap("Listrik PLN", ADMIN);
    const pln = h.lastText(ADMIN.id);
    expect(pln).toContain("📂 Listrik PLN (1/");
    expect(pln).toContain(
      [
        "• PLN Pascabayar [pln]",
        "   provider: admin Rp 2.500 − komisi Rp 0 = Rp 2.500 per tagihan",
        "   markup Rp 2.000 → pengguna bayar tagihan + Rp 4.500 · margin Rp 2.000",
      ].join("\n"),
    );
  });
});

describe("sandbox", () => {
  it("publishes a price list at start, and /harga flags a product sold at a loss", async () => {
    const sandbox = createSandboxProvider();
    // The biller took Rp 3.000 more at payment than its inquiry quoted: more than the Rp 2.000 markup.
    const provider: Provider = {
      ...sandbox,
      async pay(bill) {
        const paid = await sandbox.pay(bill);
        return paid.kind === "success" ? { ...paid, value: { ...paid.value, cost: bill.cost + 3_000 } } : paid;
      },
    };
    const h = await testBot.start({ provider });
    await h.send("/start", ADMIN);
    h.app.priceSchedule.start();
    await h.app.prices.refresh();
    await h.app.priceSchedule.stop();
    await fundSari(h);
    const txId = await payPln(h, "530000000001");
    // The admins hear of the loss as it happens, not only on /harga.
    const tx = h.app.deps.payments.txs.get(txId)!;
    expect(tx.cost - tx.price).toBe(1_000);
    expect(h.lastText(ADMIN.id)).toBe(
      [
        `🔻 Terjual rugi: PLN Pascabayar [pln] (${txId})`,
        `Provider mengambil ${rupiah(tx.cost)}, pengguna membayar ${rupiah(tx.price)}: rugi Rp 1.000.`,
        "Periksa markup dan daftar harga di /harga.",
      ].join("\n"),
    );

    await h.send("/harga", ADMIN);
    const overview = h.lastText(ADMIN.id);
    expect(overview).toContain("💲 Harga dan margin (provider sandbox)");
    expect(overview).toContain("Daftar harga: 23 November 2026 10:00 WIB");
    expect(overview).toContain("⚠️ 1 produk perlu dicek:");
    expect(overview).toContain("• PLN Pascabayar: 🔻 rugi Rp 1.000 di 1 penjualan (7 hari terakhir)");
    await h.tap("⚠️ Listrik PLN", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain(
      [
        "• PLN Pascabayar [pln]",
        "   provider: admin Rp 2.500 − komisi Rp 500 = Rp 2.000 per tagihan",
        "   markup Rp 2.000 → pengguna bayar tagihan + Rp 4.000 · margin Rp 2.000",
        "   🔻 rugi Rp 1.000 di 1 penjualan (7 hari terakhir)",
      ].join("\n"),
    );
    await h.tap("Ringkasan", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(overview);
  });

  it("/harga and its pages are for admins only", async () => {
    const h = await testBot.start();
    await h.send("/harga");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
  });
});
