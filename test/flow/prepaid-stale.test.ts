import { afterEach, beforeEach, expect, it } from "vitest";
import { startIakPrepaidStub, type IakPrepaidStub } from "../stubs/iak-prepaid-server.js";
import { startIakStub, type IakStub } from "../stubs/iak-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN } from "../support/harness.js";
import { buyPrepaid, fundSari, summaryTxId } from "../support/pay.js";
import { IAK_ACCOUNT, iakEnv } from "../support/provider-env.js";

/**
 * IAK takes no maximum price: it charges what a product costs when the top-up arrives. So a
 * prepaid list that cannot be refreshed is sold from only for PREPAID_LIST_MAX_AGE_MINUTES (180
 * by default), and a cost IAK reports above the user's price reaches the admins.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
let postpaid: IakStub;
let stub: IakPrepaidStub;
beforeEach(async () => {
  postpaid = await startIakStub(IAK_ACCOUNT);
  stub = await startIakPrepaidStub(IAK_ACCOUNT);
});
afterEach(async () => {
  await postpaid.close();
  await stub.close();
});

const STALE =
  "⏸ Pembelian pulsa, token & top-up sedang dihentikan: daftar harga dari provider belum bisa diperbarui sejak 23 November 2026 10:00 WIB, " +
  "jadi harganya belum bisa dipastikan. Saldo kamu tidak berubah. Coba lagi nanti dengan /beli.";
const topUps = () => stub.calls.filter((c) => c.path === "top-up");

/** The bot on IAK with Sari funded, an admin known, and the prepaid list fetched at 10:00 WIB by the schedule. */
async function start() {
  const h = await testBot.start({ env: { ...iakEnv(postpaid), IAK_PREPAID_BASE_URL: stub.url } });
  await fundSari(h, 500_000);
  await h.send("/start", ADMIN);
  expect(await h.app.priceSchedule.tick()).toMatchObject({ kind: "refreshed" });
  return h;
}

it("after a price rise the list cannot be refreshed: the old price sells for a while and the admins hear of the loss; past 3 hours the menu stops, saying why", async () => {
  const h = await start();
  stub.setPrice("xld25000", 27_000);
  stub.setMode("http500", { paths: ["pricelist"] });
  clock.advance(60 * 60_000);
  expect(await h.app.priceSchedule.tick()).toMatchObject({ kind: "failed", firstFailure: true });
  expect(h.lastText(ADMIN.id)).toContain("Bila masih gagal, pembelian prabayar dihentikan mulai 23 November 2026 13:00 WIB");

  // Within the 3 hours the list still sells, at its price: IAK takes Rp 27.000 for a Rp 26.000 sale.
  const txId = await buyPrepaid(h, "Pulsa", ["081712345678", { tap: "XL 25.000 – Rp 26.000" }]);
  clock.advance(60_000);
  await h.app.worker.checkNow(txId);
  expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ state: "success", price: 26_000, cost: 27_000 });
  expect(h.balance()).toBe(500_000 - 26_000);
  expect(h.lastText(ADMIN.id)).toBe(
    [
      `🔻 Terjual rugi: XL 25.000 [xld25000] (${txId})`,
      "Provider mengambil Rp 27.000, pengguna membayar Rp 26.000: rugi Rp 1.000.",
      "Periksa markup dan daftar harga di /harga.",
    ].join("\n"),
  );

  // 13:01 WIB, the last good list from 10:00: nothing prepaid is sold, and the menu says why.
  clock.advance(2 * 3_600_000);
  await h.send("/beli");
  expect(h.lastText()).toBe(STALE);
  expect(h.lastKeyboard()?.buttons.map((b) => b.text)).not.toContain("📱 Pulsa");
  await h.send("/harga", ADMIN);
  await h.tap("Prabayar", ADMIN);
  expect(h.lastText(ADMIN.id)).toContain("⏸ Daftar ini sudah terlalu lama: tidak ada produk prabayar yang dijual sampai daftar baru bisa diambil.");

  // The list back, with the new cost: sold again at the new price.
  stub.setMode(undefined);
  expect(await h.app.priceSchedule.tick()).toMatchObject({ kind: "refreshed" });
  await h.send("/beli");
  await h.tap("Pulsa");
  await h.send("081712345678");
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toContain("XL 25.000 – Rp 28.000");
});

it("a purchase waiting at Bayar when its list turns 3 hours old is stopped there, before any charge", async () => {
  const h = await start();
  stub.setMode("http500", { paths: ["pricelist"] });
  clock.advance(2 * 3_600_000 + 50 * 60_000); // 12:50 WIB
  await h.send("/beli");
  await h.tap("Pulsa");
  await h.send("081712345678");
  await h.tap("XL 25.000");
  const txId = summaryTxId(h)!;
  expect(h.lastText()).toContain("Harga: Rp 26.000");
  clock.advance(15 * 60_000); // 13:05 WIB
  await h.tap("Bayar");
  expect(h.lastText()).toBe(STALE);
  expect(h.balance()).toBe(500_000);
  expect(h.app.deps.payments.txs.get(txId)!.state).toBe("cancelled");
  expect(topUps()).toHaveLength(0);
  // "Beli lagi" of a saved number is refused the same way.
  h.app.deps.favorites.save(42, "prepaid:xld25000", { customerNo: "081712345678" }, "HP Ibu");
  await h.send("/favorit");
  await h.tap("HP Ibu");
  expect(h.lastText()).toBe(STALE);
  expect(topUps()).toHaveLength(0);
});
