import type { Update } from "grammy/types";
import { beforeEach, describe, expect, it } from "vitest";
import type { ChatUser } from "../../src/channels/emulator.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { payPln, quotePln, stateOf } from "../support/pay.js";
import { adminBotPerTest, auditRows, WATI } from "./helpers.js";

const BUDI: ChatUser = { id: 43, firstName: "Budi", username: "budi" };
const bot = adminBotPerTest();
beforeEach(async () => {
  await bot.start();
  await bot.h.send("/start", BUDI);
});

/**
 * What the abuse run sent: a press on a message in `owner`'s chat whose `from` is `presser`. A
 * client can put any callback data and any message it has seen into a callback query.
 */
function forgedPress(h: Harness, owner: ChatUser, presser: ChatUser, messageId: number, data: string): Update {
  const update = h.emulator.press(owner, messageId, data);
  const from = { id: presser.id, is_bot: false, first_name: presser.firstName, ...(presser.username ? { username: presser.username } : {}) };
  return { ...update, callback_query: { ...update.callback_query!, from } };
}

/** The texts of the callback answers the bot gave, oldest first. */
const answers = (h: Harness) => h.emulator.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload.text);

/** `data` pressed by `presser` on the newest message in `owner`'s chat that carries it: refused, logged. */
async function refusedPress(owner: ChatUser, presser: ChatUser, data: string) {
  const { h } = bot;
  const message = [...h.outputs].reverse().find((o) => o.chatId === owner.id && o.kind !== "notice" && o.buttons.some((b) => b.data === data));
  if (!message || message.kind === "notice") throw new Error(`no button ${data} in chat ${owner.id}`);
  const before = answers(h).length;
  await h.app.bot.handleUpdate(forgedPress(h, owner, presser, message.messageId, data));
  await h.app.worker.idle();
  expect(answers(h).slice(before)).toEqual(["Tombol ini bukan untukmu."]);
  expect(h.logs).toContain(`refused a button press from ${presser.id} on a message in chat ${owner.id}: ${JSON.stringify(data)}`);
}

describe("a button press counts only from its owner", () => {
  it("a press forged from another user on the owner's Bayar is refused and charges nothing; the owner's own press still pays once", async () => {
    const { h } = bot;
    h.app.deps.wallet.post({ userId: SARI.id, amount: 1_000_000, kind: "topup", actorId: ADMIN.id });
    const txId = await quotePln(h, "530000000001");
    await refusedPress(SARI, BUDI, `pay:${txId}`);
    expect(stateOf(h, txId)).toBe("quoted");
    expect(h.balance(SARI.id)).toBe(1_000_000);
    // Sari's own Bayar is still there and pays.
    await h.tap("Bayar");
    expect(stateOf(h, txId)).toBe("success");
    expect(h.app.deps.wallet.entries(SARI.id).filter((e) => e.kind === "charge")).toHaveLength(1);
  });

  it("a forged Batal, favourite (pay again, delete), receipt or deposit request is refused too", async () => {
    const { h } = bot;
    h.app.deps.wallet.post({ userId: SARI.id, amount: 1_000_000, kind: "topup", actorId: ADMIN.id });
    const paid = await payPln(h, "530000000001");
    await h.tap("Simpan nomor ini");
    await h.send("Rumah");
    await h.send("/favorit");
    const favorite = h.lastKeyboard()!.buttons.find((b) => b.data.startsWith("fav:pay:"))!.data;
    await refusedPress(SARI, BUDI, favorite);
    await h.tap("Hapus nomor");
    await refusedPress(SARI, BUDI, favorite.replace("fav:pay:", "fav:del:"));
    await h.tap("🗑 Rumah");
    await refusedPress(SARI, BUDI, favorite.replace("fav:pay:", "fav:delok:"));
    expect(h.app.deps.favorites.list(SARI.id)).toHaveLength(1);
    await h.send("/riwayat");
    await refusedPress(SARI, BUDI, `rcpt:${paid}`);
    const quoted = await quotePln(h, "530000000002");
    await refusedPress(SARI, BUDI, `cancel:${quoted}`);
    expect(stateOf(h, quoted)).toBe("quoted");
    await h.send("/deposit");
    await refusedPress(SARI, BUDI, "deposit:request");
    expect(h.texts(BUDI.id).some((t) => t.includes("Berapa yang kamu transfer?"))).toBe(false);
    expect(h.texts(SARI.id).filter((t) => t.includes("Berapa yang kamu transfer?"))).toEqual([]);
    expect(h.balance(SARI.id)).toBe(1_000_000 - h.app.deps.payments.txs.get(paid)!.price);
  });

  it("an admin's buttons belong to that admin: a forged one-tap top-up or repeat confirmation is refused and audited", async () => {
    const { h } = bot;
    await h.send("/deposit");
    await h.tap("Saya sudah transfer");
    await h.send("100rb");
    await refusedPress(ADMIN, SARI, "dreq:1:100000");
    // Another admin pressing on ADMIN's message is someone else's press too.
    await h.send("/topup @sari 10rb", ADMIN);
    await h.send("/topup @sari 10rb", ADMIN);
    const confirm = h.lastKeyboard(ADMIN.id)!.buttons[0]!.data;
    await refusedPress(ADMIN, WATI, confirm);
    expect(h.balance(SARI.id)).toBe(10_000);
    expect(
      auditRows(h)
        .filter((r) => !r.allowed)
        .map((r) => [r.actorId, r.action, r.detail]),
    ).toEqual([
      [SARI.id, "deposit-credit", { input: "dreq:1:100000", outcome: "not-owner" }],
      [WATI.id, "repeat", { input: confirm, outcome: "not-owner" }],
    ]);
    await h.tap("Ya, tambah", ADMIN);
    expect(h.balance(SARI.id)).toBe(20_000);
  });
});

describe("every admin-command attempt is audited", () => {
  it("from a blocked user, a non-admin, and in a group chat, with why it was refused", async () => {
    const { h } = bot;
    await h.send("/blokir @budi", ADMIN);
    await h.send("/topup 43 1jt", BUDI);
    expect(h.lastText(BUDI.id)).toBe("Akun kamu sedang diblokir. Hubungi admin untuk bantuan.");
    await h.send("/saldo @sari", BUDI);
    // Not admin actions: nothing to audit.
    await h.send("/saldo", BUDI);
    await h.send("/bayar", BUDI);
    await h.send("/potong @budi 5rb", SARI);
    const group = h.emulator.text(ADMIN, "/laporan");
    await h.app.bot.handleUpdate({ ...group, message: { ...group.message!, chat: { id: -1001, type: "group", title: "Toko" } } } as Update);
    expect(
      auditRows(h)
        .filter((r) => !r.allowed)
        .map((r) => [r.actorId, r.action, r.detail]),
    ).toEqual([
      [BUDI.id, "topup", { input: "/topup 43 1jt", outcome: "blocked" }],
      [BUDI.id, "saldo", { input: "/saldo @sari", outcome: "blocked" }],
      [SARI.id, "potong", { input: "/potong @budi 5rb", outcome: "not-admin" }],
      [ADMIN.id, "laporan", { input: "/laporan", outcome: "group-chat" }],
    ]);
    expect(h.balance(BUDI.id)).toBe(0);
  });
});
