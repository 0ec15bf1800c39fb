import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { booksProblems } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { startHarness, tempDir, type Harness } from "../support/harness.js";

const clock = new Clock();
let tmp: ReturnType<typeof tempDir>;
let h: Harness;

async function start(env: Record<string, string> = {}) {
  h = await startHarness({ dbPath: `${tmp.dir}/bot.sqlite`, now: clock.now, env: { DEPOSIT_GATEWAY: "sandbox", ...env } });
}

beforeEach(() => {
  clock.reset();
  tmp = tempDir();
});
afterEach(async () => {
  expect(booksProblems(h.app.deps.db)).toEqual([]);
  await h.close();
  tmp.cleanup();
});

const depositRows = () =>
  h.app.deps.db.prepare("SELECT id, state, amount, fee, pay_amount AS payAmount, told FROM deposits ORDER BY created_at, rowid").all() as {
    id: string;
    state: string;
    amount: number;
    fee: number;
    payAmount: number;
    told: number;
  }[];

/** Sari opens /deposit, chooses the automatic way, an amount and a method. */
async function openDeposit(amount: string, method: string) {
  await h.send("/deposit");
  await h.tap("Isi otomatis");
  if (/^Rp/.test(amount)) await h.tap(amount);
  else await h.send(amount);
  await h.tap(method);
}

describe("gateway deposits with the sandbox gateway", () => {
  it("QRIS: amount, method with its fee, the QR picture; paid once and told with the new balance", async () => {
    await start();
    await h.send("/deposit");
    expect(h.lastText()).toContain("⚡ Isi saldo otomatis lewat QRIS atau virtual account");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["⚡ Isi otomatis: QRIS / Virtual Account", "📨 Saya sudah transfer"]);
    await h.tap("Isi otomatis");
    expect(h.lastText()).toBe("Mau isi saldo berapa? Pilih, atau ketik jumlahnya (paling sedikit Rp 10.000, paling banyak Rp 10.000.000).");
    await h.send("5000");
    expect(h.lastText()).toBe("Isi saldo paling sedikit Rp 10.000 dan paling banyak Rp 10.000.000. Ketik jumlah lain.");
    await h.tap("Rp 50.000");
    expect(h.lastText()).toBe(
      "Isi saldo Rp 50.000. Pilih cara bayar:\n• QRIS: bayar Rp 50.350 (termasuk biaya Rp 350)\n• VA BNI: bayar Rp 54.000 (termasuk biaya Rp 4.000)\n• VA BRI: bayar Rp 54.000 (termasuk biaya Rp 4.000)",
    );
    await h.tap("QRIS");
    const photo = h.emulator.calls.filter((c) => c.method === "sendPhoto").at(-1)!;
    // A real PNG went as multipart: the emulator sees the file's bytes.
    expect((photo.payload.photo as { bytes: number }).bytes).toBeGreaterThan(500);
    const [d] = depositRows();
    expect(d).toMatchObject({ state: "open", amount: 50_000, fee: 350, payAmount: 50_350 });
    expect(h.lastText()).toBe(
      `📷 Scan QRIS ini dengan aplikasi bank atau e-wallet.\nBayar tepat: Rp 50.350\nBerlaku sampai: 23 November 2026 10:30 WIB\nNo. isi saldo: ${d!.id}\nSaldo masuk otomatis begitu dibayar.`,
    );

    await h.tap("Bayar sekarang (sandbox)");
    expect(h.lastText()).toBe(`✅ Isi saldo Rp 50.000 masuk (${d!.id}). Saldo kamu sekarang Rp 50.000.`);
    expect(h.balance()).toBe(50_000);
    // A poll afterwards, and another "payment", move nothing.
    clock.advance(60_000);
    await h.app.depositPoller!.tick();
    await h.app.deposits!.simulatePay(d!.id);
    expect(h.balance()).toBe(50_000);
    expect(depositRows()[0]).toMatchObject({ state: "paid", told: 1 });
    expect(h.texts().filter((t) => t.startsWith("✅ Isi saldo"))).toHaveLength(1);
  });

  it("a virtual account shows the bank and its number on a line of its own; the operator may bear the fee", async () => {
    await start({ DEPOSIT_FEE_PAYER: "operator" });
    await openDeposit("75rb", "VA BNI");
    const [d] = depositRows();
    expect(d).toMatchObject({ amount: 75_000, fee: 4_000, payAmount: 75_000 });
    const lines = h.lastText().split("\n");
    expect(lines[0]).toBe("🏦 Transfer ke virtual account BNI:");
    expect(lines[1]).toMatch(/^8808\d{12}$/);
    expect(lines[2]).toBe("Bayar tepat: Rp 75.000");
  });

  it("an unpaid deposit expires: the customer is told, nothing is credited", async () => {
    await start();
    await openDeposit("Rp 20.000", "QRIS");
    clock.advance(29 * 60_000);
    await h.app.depositPoller!.tick();
    expect(depositRows()[0]!.state).toBe("open");
    clock.advance(2 * 60_000);
    await h.app.depositPoller!.tick();
    const [d] = depositRows();
    expect(d!.state).toBe("expired");
    expect(h.lastText()).toBe(`⌛ Isi saldo ${d!.id} (Rp 20.000) kedaluwarsa sebelum dibayar; saldo tidak berubah. Mulai lagi dengan /deposit.`);
    expect(h.balance()).toBe(0);
  });

  it("a third open deposit replaces the oldest (stopped at the gateway first)", async () => {
    await start();
    await openDeposit("Rp 20.000", "QRIS");
    await openDeposit("Rp 50.000", "QRIS");
    await openDeposit("Rp 100.000", "QRIS");
    const rows = depositRows();
    expect(rows.map((r) => r.state)).toEqual(["expired", "open", "open"]);
    expect(h.texts()).toContain(`Isi saldo ${rows[0]!.id} yang belum dibayar dibatalkan dan diganti yang baru.`);
  });

  it("the main menu's last button, Isi saldo, leads to the same choice as /deposit; the other buttons keep their places", async () => {
    await start();
    await h.send("/start");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual([
      "💡 Bayar tagihan",
      "📱 Pulsa, token & top-up",
      "💰 Saldo saya",
      "🧾 Riwayat",
      "❓ Bantuan",
      "💳 Isi saldo",
      // Added after the others (issue 23), so their numbers stay.
      "📒 Mutasi saldo",
    ]);
    await h.tap("Isi saldo");
    expect(h.lastText()).toContain("⚡ Isi saldo otomatis lewat QRIS atau virtual account");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["⚡ Isi otomatis: QRIS / Virtual Account", "📨 Saya sudah transfer"]);
    await h.tap("Isi otomatis");
    await h.tap("Rp 20.000");
    await h.tap("QRIS");
    await h.tap("Bayar sekarang (sandbox)");
    expect(h.balance()).toBe(20_000);
  });

  it("with no gateway configured, /deposit is the manual way only", async () => {
    await start({ DEPOSIT_GATEWAY: "none" });
    await h.send("/deposit");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["📨 Saya sudah transfer"]);
    // The menu's button too.
    await h.send("/start");
    await h.tap("Isi saldo");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["📨 Saya sudah transfer"]);
  });
});
