import { describe, expect, it, vi } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { SARI } from "../support/harness.js";
import { payPln, pickProduct, topUpSari } from "../support/pay.js";
import { gatedProvider } from "../support/gated-provider.js";

/** What one payment costs in Bot API calls, and the "checking" note that only a slow biller needs. */

const bot = botPerTest();

describe("one payment's Bot API calls", () => {
  it("menu, product, the question in place of the menu, summary, Bayar (one edit), receipt", async () => {
    const h = await bot.start();
    await topUpSari(h, "1jt");
    const from = h.emulator.calls.length;
    await payPln(h, "530000000001");
    expect(h.emulator.calls.slice(from).map((c) => c.method)).toEqual([
      "sendMessage", // categories
      "answerCallbackQuery",
      "editMessageText", // products
      "answerCallbackQuery",
      "editMessageText", // "Produk: PLN Pascabayar" and the question, where the menu was
      "sendMessage", // the summary with Bayar/Batal: a fast biller needs no "checking" note first
      "answerCallbackQuery",
      "editMessageText", // the summary without its buttons, saying the payment is under way
      "sendPhoto", // the receipt: the struk picture with the text receipt as its caption
    ]);
    const texts = h.texts();
    expect(texts.some((t) => t.startsWith("⏳ Mengecek"))).toBe(false);
    expect(texts.at(-2)).toBe("⏳ Pembayaran sedang diproses…");
    expect(texts.at(-1)).toContain("✅ Pembayaran berhasil");
  });

  it("a slow biller: the note that the bill is being checked comes first, then the summary", async () => {
    const slow = gatedProvider();
    const h = await bot.start({ provider: slow.provider });
    await topUpSari(h, "1jt");
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    const answered = h.send("530000000001");
    await vi.waitFor(() => expect(h.lastText()).toBe("⏳ Mengecek tagihan 530000000001…"), { timeout: 10_000 });
    expect(slow.inquiries()).toBe(1);
    slow.open();
    await answered;
    expect(h.texts().at(-2)).toBe("⏳ Mengecek tagihan 530000000001…");
    expect(h.lastText()).toContain("🧾 Tagihan PLN Pascabayar");
    expect(h.lastKeyboard(SARI.id)?.buttons.map((b) => b.text)).toEqual(["✅ Bayar", "✖️ Batal"]);
  });
});
