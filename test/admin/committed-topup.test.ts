import { beforeEach, describe, expect, it } from "vitest";
import { badGateway, blockedByUser, tooManyRequests } from "../support/api-faults.js";
import { ADMIN, SARI } from "../support/harness.js";
import { adminBotPerTest, auditRows, WATI } from "./helpers.js";

const bot = adminBotPerTest();
beforeEach(async () => {
  await bot.start();
});

const topups = () =>
  bot.h.app.deps.wallet
    .entries(SARI.id)
    .reverse()
    .filter((e) => e.kind === "topup")
    .map((e) => e.amount);
const toAdmin = (payload: Record<string, unknown>) => payload.chat_id === ADMIN.id;
const GENERIC_ERROR = "Maaf, terjadi kesalahan. Saldo kamu aman. Silakan coba lagi sebentar lagi.";

describe("a committed top-up is never reported as failed", () => {
  it("Telegram answers the admin's reply with 429: the reply is sent again after retry_after, the credit is made once, the user is told", async () => {
    const { h } = bot;
    h.apiFaults.failNext("sendMessage", tooManyRequests(1), toAdmin);
    await h.send("/topup @sari 50rb", ADMIN);
    expect(h.apiFaults.answered.map((f) => f.error.error_code)).toEqual([429]);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 50.000. Saldo sekarang: Rp 50.000");
    expect(h.texts(ADMIN.id)).not.toContain(GENERIC_ERROR);
    expect(h.lastText(SARI.id)).toBe("💰 Saldo kamu bertambah Rp 50.000. Saldo sekarang: Rp 50.000");
    expect(topups()).toEqual([50_000]);
  });

  it("a reply Telegram refuses (the admin blocked the bot) is logged, not turned into an error; the user is still told", async () => {
    const { h } = bot;
    h.apiFaults.failNext("sendMessage", blockedByUser, toAdmin);
    await h.send("/topup @sari 50rb", ADMIN);
    expect(h.texts(ADMIN.id)).not.toContain(GENERIC_ERROR);
    expect(h.logs.some((l) => l.startsWith(`could not deliver a reply to ${ADMIN.id}`) && l.includes("403"))).toBe(true);
    expect(h.lastText(SARI.id)).toBe("💰 Saldo kamu bertambah Rp 50.000. Saldo sekarang: Rp 50.000");
    expect(h.lastText(WATI.id)).toContain("@boss menambah saldo @sari sebesar Rp 50.000");
    expect(topups()).toEqual([50_000]);
    expect(auditRows(h).map((r) => [r.action, r.detail.outcome])).toEqual([["topup", "done"]]);
  });

  it("a 5xx on the user's notice is retried after a pause: the user is told once", async () => {
    const { h } = bot;
    h.apiFaults.failNext("sendMessage", badGateway, (p) => p.chat_id === SARI.id);
    await h.send("/topup @sari 50rb", ADMIN);
    expect(h.apiFaults.answered.map((f) => f.error.error_code)).toEqual([502]);
    expect(h.texts(SARI.id).filter((t) => t.includes("bertambah"))).toEqual(["💰 Saldo kamu bertambah Rp 50.000. Saldo sekarang: Rp 50.000"]);
    expect(topups()).toEqual([50_000]);
  });

  it("a 429 on a call made inside a conversation (the admin's answer in the deposit-credit flow) is retried too", async () => {
    const { h } = bot;
    await h.send("/deposit");
    await h.tap("Saya sudah transfer");
    await h.tap("Lewati");
    await h.tap("Tambah saldo", ADMIN);
    h.apiFaults.failNext("sendMessage", tooManyRequests(1), toAdmin);
    await h.send("60rb", ADMIN);
    expect(h.apiFaults.answered).toHaveLength(1);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 60.000. Saldo sekarang: Rp 60.000");
    expect(h.lastText(SARI.id)).toBe("💰 Saldo kamu bertambah Rp 60.000. Saldo sekarang: Rp 60.000");
    expect(topups()).toEqual([60_000]);
  });
});

describe("the same /topup or /potong again within 10 minutes", () => {
  it("asks first, naming the first one (when, amount, balance after); cancel moves nothing, confirm moves once", async () => {
    const { h, clock } = bot;
    await h.send("/topup @sari 50rb transfer BCA", ADMIN);
    clock.advance(4 * 60_000);
    await h.send("/topup @sari 50.000", ADMIN);
    const question =
      "⚠️ Kamu sudah menambah saldo @sari sebesar Rp 50.000 pada 10 Maret 2026 10:00 WIB (saldo sesudahnya Rp 50.000).\nTambah Rp 50.000 lagi? Saldo belum diubah.";
    expect(h.lastText(ADMIN.id)).toBe(question);
    expect(h.lastKeyboard(ADMIN.id)!.buttons.map((b) => b.text)).toEqual(["✅ Ya, tambah Rp 50.000 lagi", "✖️ Batal"]);
    expect(topups()).toEqual([50_000]);
    await h.tap("Batal", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Dibatalkan; saldo @sari tidak diubah.");
    expect(topups()).toEqual([50_000]);

    await h.send("/topup @sari 50rb", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(question);
    const asked = h.lastKeyboard(ADMIN.id)!;
    await h.tap("Ya, tambah", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 50.000. Saldo sekarang: Rp 100.000");
    expect(h.texts(SARI.id).filter((t) => t.includes("bertambah"))).toHaveLength(2);
    // A second press of the same confirmation (a stale client) moves nothing.
    await h.app.bot.handleUpdate(h.emulator.press(ADMIN, asked.messageId, asked.buttons[0]!.data));
    expect(h.lastText(ADMIN.id)).toBe("Pertanyaan ini sudah dijawab; saldo tidak diubah lagi.");
    expect(topups()).toEqual([50_000, 50_000]);
    expect(auditRows(h).map((r) => [r.action, r.detail.outcome])).toEqual([
      ["topup", "done"],
      ["topup", "repeat-asked"],
      ["repeat", "cancelled"],
      ["topup", "repeat-asked"],
      ["repeat", "done"],
      ["repeat", "answered"],
    ]);
  });

  it("another amount, another user, another admin or after 10 minutes goes straight through", async () => {
    const { h, clock } = bot;
    await h.send("/start", { id: 43, firstName: "Budi", username: "budi" });
    await h.send("/topup @sari 50rb", ADMIN);
    await h.send("/topup @sari 60rb", ADMIN);
    await h.send("/topup @budi 50rb", ADMIN);
    await h.send("/topup @sari 50rb", WATI);
    clock.advance(10 * 60_000 + 1);
    await h.send("/topup @sari 50rb", ADMIN);
    expect(topups()).toEqual([50_000, 60_000, 50_000, 50_000]);
    expect(auditRows(h).filter((r) => r.detail.outcome === "repeat-asked")).toEqual([]);
  });

  it("/potong asks too; a redelivered repeat asks the same question again and a confirmation still moves money once", async () => {
    const { h } = bot;
    await h.send("/topup @sari 100rb", ADMIN);
    await h.send("/potong @sari 30rb", ADMIN);
    const again = h.emulator.text(ADMIN, "/potong @sari 30rb");
    await h.app.bot.handleUpdate(again);
    await h.app.bot.handleUpdate(again);
    const questions = h.texts(ADMIN.id).filter((t) => t.startsWith("⚠️ Kamu sudah memotong saldo @sari sebesar Rp 30.000"));
    expect(questions).toHaveLength(2);
    expect(h.app.deps.db.prepare("SELECT COUNT(*) AS n FROM balance_repeats").get()).toEqual({ n: 1 });
    await h.tap("Ya, potong Rp 30.000 lagi", ADMIN);
    await h.tap("Ya, potong Rp 30.000 lagi", ADMIN);
    expect(h.balance()).toBe(40_000);
    // The command behind the confirmed repeat is on the ledger now: its redelivery is a duplicate.
    await h.app.bot.handleUpdate(again);
    expect(h.lastText(ADMIN.id)).toBe("Perintah ini sudah dijalankan; saldo @sari tidak diubah lagi. Saldo sekarang: Rp 40.000");
    expect(h.balance()).toBe(40_000);
  });
});
