import { afterEach, describe, expect, it } from "vitest";
import { userPrice } from "../../src/billing/catalog.js";
import { formatRupiah } from "../../src/billing/format.js";
import { startDigiflazzStub } from "../stubs/digiflazz-server.js";
import { startIakStub, type IakStub } from "../stubs/iak-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI, type Harness } from "../support/harness.js";
import { fundSari, pickProduct, stateOf, summaryTxId } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv } from "../support/provider-env.js";

/**
 * BPJS Kesehatan paid several months ahead: at IAK, whose inquiry takes `month`, the flow asks how
 * many after the number; Digiflazz and the sandbox bill as it stands and ask nothing.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const MEMBER = "8801234560000";

async function startAtIak(): Promise<{ h: Harness; stub: IakStub }> {
  const stub = await startIakStub(IAK_ACCOUNT);
  closers.push(() => stub.close());
  const h = await testBot.start({ env: iakEnv(stub) });
  await fundSari(h);
  return { h, stub };
}

const inquiries = (stub: IakStub) => stub.calls.filter((c) => c.command === "inq-pasca");
const buttons = (h: Harness) => h.lastKeyboard()?.buttons.map((b) => b.text);
const charges = (h: Harness, txId: string) => h.app.deps.wallet.entries(SARI.id, 50).filter((e) => e.kind === "charge" && e.txId === txId);

describe("BPJS Kesehatan at IAK: how many months", () => {
  it("asks after the number; 3 months sends month=3, shows 3 months and IAK's total, charges it once, and the receipt says so", async () => {
    const { h, stub } = await startAtIak();
    await pickProduct(h, "BPJS", "BPJS Kesehatan");
    await h.send(MEMBER);
    expect(h.lastText()).toBe("Produk: BPJS Kesehatan\nBayar untuk berapa bulan?");
    expect(buttons(h)).toEqual([...Array.from({ length: 12 }, (_, i) => `${i + 1} bulan`), "✖️ Batal"]);
    expect(inquiries(stub)).toHaveLength(0);

    await h.tap("3 bulan");
    expect(inquiries(stub).map((c) => c.body)).toEqual([expect.objectContaining({ code: "BPJS", hp: MEMBER, month: "3" })]);
    const txId = summaryTxId(h)!;
    const tx = h.app.deps.payments.txs.get(txId)!;
    // The stand-in's three months: 75,000 + 2,500 admin, 77,300 taken from the operator's deposit.
    expect(tx.bill).toMatchObject({ billAmount: 75_000, cost: 77_300, periods: [{ period: "03" }] });
    expect(tx.input).toEqual({ customerNo: MEMBER, months: 3 });
    expect(tx.price).toBe(userPrice(h.app.deps.catalog.product("bpjs-kesehatan")!, 77_300));
    const summary = h.lastText();
    expect(summary).toContain("Iuran untuk 3 bulan");
    expect(summary).toContain(formatRupiah(75_000));
    expect(summary).toContain(`Total bayar: ${formatRupiah(tx.price)}`);

    const before = h.balance();
    await h.tap("Bayar");
    expect(stateOf(h, txId)).toBe("success");
    expect(stub.payCalls(tx.bill.refs.trId!)).toBe(1);
    expect(charges(h, txId).map((e) => e.amount)).toEqual([-tx.price]);
    expect(h.balance()).toBe(before - tx.price);
    const receipt = h.lastText();
    expect(receipt).toContain("✅ Pembayaran berhasil");
    expect(receipt).toContain("Iuran untuk 3 bulan");
    expect(receipt).toContain(`Total dibayar: ${formatRupiah(tx.price)}`);
  });

  it("a quote confirmed the next day is inquired again for the same 3 months and paid once", async () => {
    clock.t = Date.UTC(2026, 10, 23, 16, 50); // 23:50 WIB
    const { h, stub } = await startAtIak();
    await pickProduct(h, "BPJS", "BPJS Kesehatan");
    await h.send(MEMBER);
    await h.tap("3 bulan");
    const oldRef = summaryTxId(h)!;
    clock.advance(20 * 60_000); // 00:10 WIB: IAK bills are payable on the day of their inquiry only
    await h.tap("Bayar");
    expect(inquiries(stub).map((c) => c.body.month)).toEqual(["3", "3"]);
    const newRef = inquiries(stub)[1]!.body.ref_id as string;
    expect(stateOf(h, oldRef)).toBe("cancelled");
    expect(stateOf(h, newRef)).toBe("success");
    expect(charges(h, oldRef)).toEqual([]);
    expect(charges(h, newRef)).toHaveLength(1);
    expect(h.lastText()).toContain("Iuran untuk 3 bulan");
  });

  it("a typed answer is not an answer: the question is asked again and a press then answers it", async () => {
    const { h, stub } = await startAtIak();
    await pickProduct(h, "BPJS", "BPJS Kesehatan");
    await h.send(MEMBER);
    // Not a number: where buttons are a numbered list (WhatsApp, terminal), "3" picks the third entry.
    await h.send("tiga bulan");
    expect(h.lastText()).toBe("Pilih berapa bulan dengan tombol di atas, atau ketik /batal untuk membatalkan.");
    expect(inquiries(stub)).toHaveLength(0);
    await h.tap("6 bulan");
    expect(inquiries(stub).map((c) => c.body.month)).toEqual(["6"]);
    expect(h.lastText()).toContain("Iuran untuk 6 bulan");
  });

  it("Batal on the question ends the flow without asking IAK", async () => {
    const { h, stub } = await startAtIak();
    await pickProduct(h, "BPJS", "BPJS Kesehatan");
    await h.send(MEMBER);
    await h.tap("Batal");
    expect(h.lastText()).toBe("Pembayaran dibatalkan. Saldo kamu tidak berubah.");
    expect(inquiries(stub)).toHaveLength(0);
  });

  it("a saved number keeps no months: Bayar lagi asks again", async () => {
    const { h, stub } = await startAtIak();
    await pickProduct(h, "BPJS", "BPJS Kesehatan");
    await h.send(MEMBER);
    await h.tap("3 bulan");
    await h.tap("Bayar");
    await h.tap("Simpan nomor ini");
    await h.send("Ibu");
    expect(h.app.deps.favorites.list(SARI.id).map((f) => f.input)).toEqual([{ customerNo: MEMBER }]);

    await h.send("/favorit");
    await h.tap("Bayar lagi");
    expect(h.lastText()).toBe("Produk: BPJS Kesehatan\nBayar untuk berapa bulan?");
    await h.tap("1 bulan");
    expect(inquiries(stub).at(-1)!.body).toMatchObject({ hp: MEMBER, month: "1" });
    expect(h.lastText()).toContain("Iuran untuk 1 bulan");
  });

  it("asks in English too", async () => {
    const { h } = await startAtIak();
    h.app.deps.users.setLanguage(SARI.id, "en");
    await pickProduct(h, "BPJS", "BPJS Health");
    await h.send(MEMBER);
    expect(h.lastText()).toBe("Product: BPJS Health\nPay for how many months?");
    expect(buttons(h)).toEqual(["1 month", ...Array.from({ length: 11 }, (_, i) => `${i + 2} months`), "✖️ Cancel"]);
  });
});

describe("BPJS Kesehatan where the provider bills as it stands", () => {
  it("Digiflazz: straight from the number to the bill, no month sent", async () => {
    const stub = await startDigiflazzStub();
    closers.push(() => stub.close());
    const h = await testBot.start({ env: digiflazzEnv(stub) });
    await fundSari(h);
    await pickProduct(h, "BPJS", "BPJS Kesehatan");
    await h.send("8801234560001");
    expect(h.lastText()).toContain("🧾 Tagihan BPJS Kesehatan");
    const inquiry = stub.calls.find((c) => c.body.customer_no === "8801234560001")!;
    expect(inquiry.body).not.toHaveProperty("month");
  });

  it("the sandbox: straight from the number to the bill", async () => {
    const h = await testBot.start();
    await fundSari(h);
    await pickProduct(h, "BPJS", "BPJS Kesehatan");
    await h.send("8801234560001");
    expect(h.lastText()).toContain("🧾 Tagihan BPJS Kesehatan");
    expect(h.app.deps.payments.txs.get(summaryTxId(h)!)!.input).toEqual({ customerNo: "8801234560001" });
  });
});
