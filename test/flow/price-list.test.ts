import { expect, it } from "vitest";
import type { ChatUser } from "../../src/channels/emulator.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN } from "../support/harness.js";
import { fundSari, summaryTxId } from "../support/pay.js";

/** /harga <brand|category> for users: their own level's prices with the codes a one-line order takes. */

const clock = new Clock();
const testBot = botPerTest({ clock });
const BUDI: ChatUser = { id: 77, firstName: "Budi", username: "budicell" };

it("/harga tsel and /harga pln list the user's level's prices and codes; a listed code orders at that price; admins keep their view", async () => {
  const h = await testBot.start();
  await fundSari(h, 500_000);
  await h.send("/start", BUDI);
  await h.send("/start", ADMIN);
  await h.send(`/level ${BUDI.id} reseller`, ADMIN);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });

  await h.send("/harga tsel");
  const retail = h.lastText();
  expect(retail).toContain("💰 Harga tsel (level umum) · kode · produk · harga");
  expect(retail).toContain("sbx-tsel-10 · TELKOMSEL 10rb · Rp 11.500");
  expect(retail).not.toContain("XL");
  expect(retail).toContain("Pesan satu baris: KODE.NOMOR, contoh sbx-tsel-5.081234567890.");
  await h.send("/harga TELKOMSEL", BUDI);
  expect(h.lastText(BUDI.id)).toContain("sbx-tsel-10 · TELKOMSEL 10rb · Rp 10.700");
  await h.send("/harga tsel data", BUDI);
  expect(h.lastText(BUDI.id)).toContain("sbx-tsel-data-5gb · TELKOMSEL Data 5GB 30 hari");
  expect(h.lastText(BUDI.id)).not.toContain("sbx-tsel-10 ");

  await h.send("/harga pln");
  expect(h.lastText()).toContain("sbx-pln-20 · Token PLN 20rb · Rp 23.000");
  expect(h.lastText()).toContain("PLN · PLN Pascabayar · sesuai tagihan");
  await h.send("/harga zzz");
  expect(h.lastText()).toBe('Tidak ada produk untuk "zzz". Coba /harga tsel, /harga pln atau /harga data.');
  await h.send("/harga");
  expect(h.lastText()).toContain("/harga <brand atau kategori>");

  // The code as listed is the order line's.
  await h.send("sbx-tsel-10.081234567890");
  const txId = summaryTxId(h)!;
  expect(h.app.deps.payments.txs.get(txId)!.price).toBe(11_500);
  await h.send("batal");

  await h.send("/harga tsel", ADMIN);
  expect(h.lastText(ADMIN.id)).not.toContain("💰 Harga tsel");
});
