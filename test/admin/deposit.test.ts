import type { Message, Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatUser } from "../../src/channels/emulator.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { adminBotPerTest, auditRows, WATI } from "./helpers.js";

const bot = adminBotPerTest();
afterEach(() => vi.restoreAllMocks());

const requests = () => bot.h.app.deps.db.prepare("SELECT id, user_id, amount, state, handled_by FROM deposit_requests ORDER BY id").all();
const topups = () => bot.h.app.deps.wallet.entries(SARI.id).filter((e) => e.kind === "topup");

/** Sari opens /deposit, presses "Saya sudah transfer" and answers the amount question. */
async function requestTopup(answer: string | "skip") {
  const { h } = bot;
  await h.send("/deposit");
  await h.tap("Saya sudah transfer");
  expect(h.lastText()).toContain("Berapa yang kamu transfer?");
  if (answer === "skip") await h.tap("Lewati");
  else await h.send(answer);
}

describe("/deposit", () => {
  it("shows the operator's instructions from DEPOSIT_INSTRUCTIONS, or the default text", async () => {
    await bot.start({ env: { DEPOSIT_INSTRUCTIONS: "Transfer ke BCA 1234567890 a.n. Toko Makmur.\nTulis id kamu di berita." } });
    await bot.h.send("/deposit");
    expect(bot.h.lastText()).toBe(
      "Transfer ke BCA 1234567890 a.n. Toko Makmur.\nTulis id kamu di berita.\n\nSudah transfer? Tekan tombol di bawah supaya admin segera menambah saldo kamu.",
    );
    expect(bot.h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["📨 Saya sudah transfer"]);
    await bot.finish();

    await bot.start();
    await bot.h.send("/deposit");
    expect(bot.h.lastText()).toContain("💳 Cara isi saldo:\nHubungi admin untuk nomor rekening");
    await bot.h.send("/saldo");
    expect(bot.h.lastText()).toContain("Untuk isi saldo, ketik /deposit.");
    await bot.h.send("/bantuan");
    expect(bot.h.lastText()).toContain("/deposit – cara isi saldo");
  });

  it("a request with an amount reaches every admin with a one-tap top-up that credits once, however often it is pressed", async () => {
    await bot.start();
    const { h } = bot;
    await requestTopup("100rb");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo Rp 100.000 terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.");
    // The question's "Lewati" button went once it was answered.
    expect(h.emulator.activeButtons(SARI.id)).toEqual([]);
    for (const admin of [ADMIN, WATI]) {
      expect(h.lastText(admin.id)).toBe("📨 Permintaan isi saldo #1 dari @sari: Rp 100.000. Periksa transfernya, lalu tekan tombol untuk menambah saldo.");
      expect(h.lastKeyboard(admin.id)!.buttons.map((b) => [b.text, b.data])).toEqual([["➕ Tambah Rp 100.000", "dreq:1:100000"]]);
    }

    await h.tap("Tambah Rp 100.000", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 100.000. Saldo sekarang: Rp 100.000");
    expect(h.lastText(SARI.id)).toBe("💰 Saldo kamu bertambah Rp 100.000. Saldo sekarang: Rp 100.000");
    expect(h.lastText(WATI.id)).toBe("💰 @boss menambah saldo @sari sebesar Rp 100.000. Saldo sekarang: Rp 100.000");
    // The tapped button is gone from that admin's message.
    expect(h.emulator.activeButtons(ADMIN.id)).toEqual([]);

    // A second press (a stale client) and the other admin's copy credit nothing.
    await h.tap("Tambah Rp 100.000", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Permintaan #1 sudah diproses oleh @boss. Saldo tidak ditambah lagi.");
    await h.tap("Tambah Rp 100.000", WATI);
    expect(h.lastText(WATI.id)).toBe("Permintaan #1 sudah diproses oleh @boss. Saldo tidak ditambah lagi.");
    expect(h.balance()).toBe(100_000);
    expect(topups().map((e) => [e.amount, e.actorId, e.note])).toEqual([[100_000, ADMIN.id, "deposit request #1"]]);
    expect(requests()).toEqual([{ id: 1, user_id: SARI.id, amount: 100_000, state: "done", handled_by: ADMIN.id }]);
    expect(auditRows(h).map((r) => [r.actorId, r.action, r.targetUserId, r.detail])).toEqual([
      [ADMIN.id, "deposit-credit", SARI.id, { request: 1, outcome: "done", amount: 100_000 }],
      [ADMIN.id, "deposit-credit", SARI.id, { request: 1, outcome: "handled", amount: null }],
      [WATI.id, "deposit-credit", SARI.id, { request: 1, outcome: "handled", amount: null }],
    ]);
  });

  it("a request without an amount makes the tapping admin type one, then credits once", async () => {
    await bot.start();
    const { h } = bot;
    await requestTopup("lima puluh");
    expect(h.lastText()).toContain('Jumlah "lima puluh" tidak sesuai. Contoh: 50000, 50.000, 50rb, 1jt.');
    await h.tap("Lewati");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.");
    expect(h.lastText(WATI.id)).toContain("📨 Permintaan isi saldo #1 dari @sari (jumlah tidak disebut).");

    await h.tap("Tambah saldo", WATI);
    expect(h.lastText(WATI.id)).toBe("Berapa saldo yang ditambahkan untuk permintaan #1 dari @sari? Ketik jumlahnya (50000, 50.000, 50rb, 1jt), atau /batal.");
    await h.send("banyak", WATI);
    expect(h.lastText(WATI.id)).toBe('Jumlah "banyak" tidak sesuai. Bentuk yang diterima: 50000, 50.000, 50rb, 1jt');
    expect(h.balance()).toBe(0);
    await h.send("75.000", WATI);
    expect(h.lastText(WATI.id)).toBe("Saldo @sari ditambah Rp 75.000. Saldo sekarang: Rp 75.000");
    expect(h.lastText(SARI.id)).toBe("💰 Saldo kamu bertambah Rp 75.000. Saldo sekarang: Rp 75.000");
    expect(h.lastText(ADMIN.id)).toBe("💰 @wati menambah saldo @sari sebesar Rp 75.000. Saldo sekarang: Rp 75.000");

    // The other admin's button, pressed later, finds the request handled.
    await h.tap("Tambah saldo", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Permintaan #1 sudah diproses oleh @wati. Saldo tidak ditambah lagi.");
    expect(topups().map((e) => e.amount)).toEqual([75_000]);
    expect(requests()).toEqual([{ id: 1, user_id: SARI.id, amount: 75_000, state: "done", handled_by: WATI.id }]);
  });

  it("two admins asked for the amount of the same request: the second one's answer credits nothing", async () => {
    await bot.start();
    const { h } = bot;
    await requestTopup("skip");
    await h.tap("Tambah saldo", ADMIN);
    await h.tap("Tambah saldo", WATI);
    await h.send("50rb", ADMIN);
    await h.send("60rb", WATI);
    expect(h.lastText(WATI.id)).toBe("Permintaan #1 sudah diproses oleh @boss. Saldo tidak ditambah lagi.");
    expect(topups().map((e) => e.amount)).toEqual([50_000]);
    // /batal leaves the question; the admin's next message is not taken as an amount.
    await requestTopup("skip");
    await h.tap("Tambah saldo", ADMIN);
    await h.send("/batal", ADMIN);
    await h.send("50rb", ADMIN);
    expect(topups().map((e) => e.amount)).toEqual([50_000]);
    expect(requests()).toMatchObject([{ state: "done" }, { id: 2, state: "open", amount: null }]);
  });

  it("a non-admin pressing a top-up button (forged callback data) is refused and logged", async () => {
    await bot.start();
    const { h } = bot;
    await requestTopup("100rb");
    const message = h.lastKeyboard(ADMIN.id)!;
    await h.app.bot.handleUpdate(h.emulator.press(SARI, message.messageId, "dreq:1"));
    expect(h.lastText(SARI.id)).toBe("Perintah ini hanya untuk admin.");
    expect(h.balance()).toBe(0);
    expect(requests()).toMatchObject([{ state: "open" }]);
    expect(auditRows(h)).toMatchObject([{ actorId: SARI.id, action: "deposit-credit", allowed: false, detail: { input: "dreq:1" } }]);
  });

  it("takes the amount a user types by the same rule as the admins': whole rupiah up to Rp 1.000.000.000", async () => {
    await bot.start();
    const { h } = bot;
    await requestTopup("2000jt");
    expect(h.lastText()).toBe('Jumlah "2000jt" tidak sesuai. Contoh: 50000, 50.000, 50rb, 1jt. Ketik lagi, atau tekan "Lewati".');
    await h.send("1,005jt");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo Rp 1.005.000 terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.");
    expect(requests()).toMatchObject([{ amount: 1_005_000, state: "open" }]);
  });

  it("while a deposit flow waits, a stale button is answered and passed on, a sticker gets a nudge, and the flow goes on", async () => {
    await bot.start();
    const { h } = bot;
    await h.send("/deposit");
    await h.tap("Saya sudah transfer");
    const staleTap = async (user: ChatUser) => {
      const answered = answers(h).length;
      // The Bayar button of a bill summary whose flow is long gone.
      await h.app.bot.handleUpdate(h.emulator.press(user, 1, "pay:TX-GONE"));
      expect(answers(h).slice(answered)).toEqual([{ text: "Menu ini sudah kedaluwarsa. Ketik /start untuk mulai lagi." }]);
    };
    await staleTap(SARI);
    await h.app.bot.handleUpdate(sticker(h, SARI));
    expect(h.lastText()).toBe('Ketik jumlah yang kamu transfer (contoh: 50000, 50.000, 50rb, 1jt), atau tekan "Lewati".');
    await h.tap("Lewati");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.");

    await h.tap("Tambah saldo", ADMIN);
    await staleTap(ADMIN);
    await h.app.bot.handleUpdate(sticker(h, ADMIN));
    expect(h.lastText(ADMIN.id)).toBe("Ketik jumlah saldo yang ditambahkan (50000, 50.000, 50rb, 1jt), atau /batal.");
    await h.send("40rb", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 40.000. Saldo sekarang: Rp 40.000");
  });

  it("goes through when Telegram refuses to answer its buttons (query too old after downtime): requested and credited", async () => {
    await bot.start();
    const { h } = bot;
    const emulator = h.emulator as unknown as { handle(method: string, payload: Record<string, unknown>): unknown };
    const handle = emulator.handle.bind(h.emulator);
    // The emulator answers a method it does not understand with 400, as Telegram does an expired query.
    vi.spyOn(emulator, "handle").mockImplementation((method, payload) => (method === "answerCallbackQuery" ? undefined : handle(method, payload)));
    await requestTopup("skip");
    expect(h.lastText()).toBe("📨 Permintaan isi saldo terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.");
    await h.tap("Tambah saldo", ADMIN);
    await h.send("60rb", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 60.000. Saldo sekarang: Rp 60.000");
    await requestTopup("25rb");
    await h.tap("Tambah Rp 25.000", WATI);
    expect(h.balance()).toBe(85_000);
  });

  it("names no one it cannot: a request closed without an admin on record, a request gone before its amount is asked", async () => {
    await bot.start();
    const { h } = bot;
    await requestTopup("100rb");
    h.app.deps.db.prepare("UPDATE deposit_requests SET state = 'dismissed' WHERE id = 1").run();
    await h.tap("Tambah Rp 100.000", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Permintaan #1 sudah diproses oleh (tidak diketahui). Saldo tidak ditambah lagi.");

    await requestTopup("skip");
    // The request is there when the button is checked and gone when the question is asked.
    const requestsRepo = h.app.deps.depositRequests;
    vi.spyOn(requestsRepo, "get").mockImplementationOnce(requestsRepo.get.bind(requestsRepo)).mockReturnValue(undefined);
    await h.tap("Tambah saldo", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Permintaan #2 tidak ditemukan.");
    expect(h.balance()).toBe(0);
  });
});

/** The callback answers the bot gave, oldest first. */
const answers = (h: Harness) => h.emulator.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => ({ text: c.payload.text }));

/** `user` sends a sticker. */
function sticker(h: Harness, user: ChatUser): Update {
  const update = h.emulator.text(user, "");
  const { text: _, ...message } = update.message as Message.TextMessage & Update.NonChannel;
  return {
    ...update,
    message: { ...message, sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } },
  };
}
