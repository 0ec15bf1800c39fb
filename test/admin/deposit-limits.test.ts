import { describe, expect, it } from "vitest";
import type { Output } from "../../src/channels/emulator.js";
import type { ChatUser } from "../../src/channels/emulator.js";
import { ADMIN, SARI } from "../support/harness.js";
import { adminBotPerTest, auditRows, WATI } from "./helpers.js";

const BUDI: ChatUser = { id: 43, firstName: "Budi", username: "budi" };
const bot = adminBotPerTest();

const requests = () => bot.h.app.deps.db.prepare("SELECT id, user_id, amount, state FROM deposit_requests ORDER BY id").all();
const topups = (userId = SARI.id) =>
  bot.h.app.deps.wallet
    .entries(userId)
    .filter((e) => e.kind === "topup")
    .map((e) => e.amount);

/** `user` opens /deposit, presses "Saya sudah transfer" and types `amount` (or skips). */
async function requestTopup(amount: string | "skip", user: ChatUser = SARI) {
  const { h } = bot;
  await h.send("/deposit", user);
  await h.tap("Saya sudah transfer", user);
  if (amount === "skip") await h.tap("Lewati", user);
  else await h.send(amount, user);
}

/** The messages (not edits) an admin got about request #id. */
const requestMessages = (adminId: number, id: number) =>
  bot.h.outputs.filter(
    (o): o is Extract<Output, { kind: "message" }> => o.kind === "message" && o.chatId === adminId && o.text.includes(`Permintaan isi saldo #${id} `),
  );

describe("deposit requests cannot be spammed", () => {
  it("one open request per user: a new one updates it, each admin's message is edited in place, and an old button credits nothing", async () => {
    const h = await bot.start();
    await requestTopup("100rb");
    await requestTopup("150rb");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo kamu diperbarui menjadi Rp 150.000 dan sudah di admin. Kamu akan diberi kabar begitu saldo masuk.");
    expect(requests()).toEqual([{ id: 1, user_id: SARI.id, amount: 150_000, state: "open" }]);
    for (const admin of [ADMIN, WATI]) {
      expect(requestMessages(admin.id, 1)).toHaveLength(1);
      expect(h.lastText(admin.id)).toBe("📨 Permintaan isi saldo #1 dari @sari: Rp 150.000. Periksa transfernya, lalu tekan tombol untuk menambah saldo.");
      expect(h.lastKeyboard(admin.id)!.buttons.map((b) => [b.text, b.data])).toEqual([["➕ Tambah Rp 150.000", "dreq:1:150000"]]);
    }
    // A client still showing the first version presses its button: the amount is not the request's any more.
    const message = requestMessages(ADMIN.id, 1)[0]!;
    await h.app.bot.handleUpdate(h.emulator.press(ADMIN, message.messageId, "dreq:1:100000"));
    expect(h.lastText(ADMIN.id)).toBe("Permintaan #1 sudah diubah penggunanya sejak pesan ini; saldo tidak ditambah. Pakai pesan terbarunya atau /deposits.");
    expect(topups()).toEqual([]);
    await h.tap("Tambah Rp 150.000", WATI);
    expect(topups()).toEqual([150_000]);
    // Once it is handled, the next request is a new one.
    await requestTopup("skip");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.");
    expect(requests()).toMatchObject([
      { id: 1, state: "done" },
      { id: 2, amount: null, state: "open" },
    ]);
    expect(auditRows(h).map((r) => [r.action, r.detail.outcome])).toEqual([
      ["deposit-credit", "changed"],
      ["deposit-credit", "done"],
    ]);
  });

  it("an admin message that cannot be edited (deleted by the admin) is replaced by a new one", async () => {
    const h = await bot.start();
    await requestTopup("100rb");
    h.apiFaults.failNext("editMessageText", { error_code: 400, description: "Bad Request: message to edit not found" }, (p) => p.chat_id === ADMIN.id);
    await requestTopup("120rb");
    expect(requestMessages(ADMIN.id, 1)).toHaveLength(2);
    expect(requestMessages(WATI.id, 1)).toHaveLength(1);
    // The new message is the one edited next time.
    await requestTopup("130rb");
    expect(requestMessages(ADMIN.id, 1)).toHaveLength(2);
    expect(h.lastKeyboard(ADMIN.id)!.buttons[0]!.data).toBe("dreq:1:130000");
  });

  it("at most DEPOSIT_REQUESTS_PER_HOUR an hour, updates included; refused before the amount is asked", async () => {
    const h = await bot.start({ env: { DEPOSIT_REQUESTS_PER_HOUR: "2" } });
    await requestTopup("100rb");
    await requestTopup("110rb");
    await h.send("/deposit");
    await h.tap("Saya sudah transfer");
    expect(h.lastText()).toBe("Kamu sudah mengirim 2 permintaan isi saldo dalam satu jam terakhir. Admin sudah menerimanya; coba lagi nanti bila perlu.");
    expect(h.texts().filter((t) => t.startsWith("Berapa yang kamu transfer?"))).toHaveLength(2);
    expect(requests()).toMatchObject([{ amount: 110_000 }]);
    // Another user has a cap of their own.
    await h.send("/start", BUDI);
    await requestTopup("50rb", BUDI);
    expect(h.lastText(BUDI.id)).toContain("Permintaan isi saldo Rp 50.000 terkirim ke admin.");
    bot.clock.advance(60 * 60_000);
    await requestTopup("120rb");
    expect(h.lastText()).toContain("diperbarui menjadi Rp 120.000");
  });

  it("an amount above DEPOSIT_MAX_AMOUNT is refused with the limit, and another asked for", async () => {
    const h = await bot.start({ env: { DEPOSIT_MAX_AMOUNT: "5000000" } });
    await requestTopup("6jt");
    expect(h.lastText()).toBe(
      'Permintaan isi saldo paling banyak Rp 5.000.000. Ketik jumlah yang lebih kecil, atau tekan "Lewati"; untuk jumlah lebih besar, hubungi admin.',
    );
    expect(requests()).toEqual([]);
    await h.send("5jt");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo Rp 5.000.000 terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.");
    expect(requests()).toMatchObject([{ amount: 5_000_000 }]);
  });

  it("the question states DEPOSIT_MIN_AMOUNT, and a smaller amount is refused with it and reaches no admin", async () => {
    const h = await bot.start({ env: { DEPOSIT_MIN_AMOUNT: "20000" } });
    const before = h.outputs.filter((o) => o.chatId === ADMIN.id).length;
    await requestTopup("5000");
    expect(h.texts().at(-2)).toBe(
      'Berapa yang kamu transfer? Ketik jumlahnya, Rp 20.000 sampai Rp 10.000.000 (contoh: 50000, 50.000, 50rb, 1jt), atau tekan "Lewati".',
    );
    expect(h.lastText()).toBe('Permintaan isi saldo paling sedikit Rp 20.000. Ketik jumlah yang kamu transfer, atau tekan "Lewati".');
    expect(requests()).toEqual([]);
    expect(h.outputs.filter((o) => o.chatId === ADMIN.id)).toHaveLength(before);
    await h.send("20rb");
    expect(requests()).toMatchObject([{ amount: 20_000 }]);
  });

  it("'1' at the amount question is the 'Lewati' it numbers, also after a wrong answer: a request without an amount, never Rp 1", async () => {
    const h = await bot.start();
    await requestTopup("1");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.");
    expect(requests()).toMatchObject([{ amount: null }]);
    await requestTopup("abc");
    await h.send("1");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo kamu diperbarui (jumlah tidak disebut) dan sudah di admin. Kamu akan diberi kabar begitu saldo masuk.");
    expect(requests()).toMatchObject([{ amount: null }]);
  });
});

describe("/deposits", () => {
  it("lists the open requests with their one-tap top-up, after a restart too; only for admins", async () => {
    let h = await bot.start();
    await h.send("/deposits", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Tidak ada permintaan isi saldo yang menunggu.");
    await h.send("/start", BUDI);
    await requestTopup("100rb");
    await requestTopup("skip", BUDI);

    h = await bot.start();
    await h.send("/deposits", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(
      [
        "📨 Permintaan isi saldo yang menunggu: 2",
        "#1 · @sari · Rp 100.000 · 10 Maret 2026 10:00 WIB",
        "#2 · @budi · jumlah tidak disebut · 10 Maret 2026 10:00 WIB",
      ].join("\n"),
    );
    expect(h.lastKeyboard(ADMIN.id)!.buttons.map((b) => [b.text, b.data])).toEqual([
      ["➕ #1 @sari: Rp 100.000", "dreq:1:100000"],
      ["➕ #2 @budi: jumlah tidak disebut", "dreq:2"],
    ]);
    await h.tap("#1 @sari", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 100.000. Saldo sekarang: Rp 100.000");
    expect(h.lastText(SARI.id)).toBe("💰 Saldo kamu bertambah Rp 100.000. Saldo sekarang: Rp 100.000");
    await h.send("/deposits", ADMIN);
    await h.tap("#2 @budi", ADMIN);
    await h.send("20rb", ADMIN);
    expect(topups(BUDI.id)).toEqual([20_000]);

    await h.send("/deposits", SARI);
    expect(h.lastText(SARI.id)).toBe("Perintah ini hanya untuk admin.");
    expect(auditRows(h).map((r) => [r.actorId, r.action, r.allowed, r.detail.outcome])).toEqual([
      [ADMIN.id, "deposits", true, "done"],
      [ADMIN.id, "deposits", true, "done"],
      [ADMIN.id, "deposit-credit", true, "done"],
      [ADMIN.id, "deposits", true, "done"],
      [ADMIN.id, "deposit-credit", true, "done"],
      [SARI.id, "deposits", false, "not-admin"],
    ]);
  });
});

describe("request numbers", () => {
  it("are names, not amounts: request 1234 reads #1234 to the admins and in /deposits", async () => {
    const h = await bot.start();
    // Requests 1..1233 were handled long ago.
    h.app.deps.db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('deposit_requests', 1233)").run();
    await requestTopup("100rb");
    expect(h.lastText(ADMIN.id)).toBe("📨 Permintaan isi saldo #1234 dari @sari: Rp 100.000. Periksa transfernya, lalu tekan tombol untuk menambah saldo.");
    await h.send("/deposits", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("#1234 · @sari · Rp 100.000");
  });
});
