import { afterEach, describe, expect, it } from "vitest";
import { startDigiflazzStub } from "../stubs/digiflazz-server.js";
import { startIakStub } from "../stubs/iak-server.js";
import { booksProblems } from "../support/books.js";
import { startHarness, tempDir, type Harness } from "../support/harness.js";
import { payPln, pickProduct, topUpSari } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv, startTokopedia, tokopediaEnv, tokopediaKeys } from "../support/provider-env.js";
import { join } from "node:path";

/**
 * A payment with each provider, logged the way `npm start` logs: every money event has its line,
 * and no API key, token, signature or secret appears anywhere in the output; the customer number
 * only masked.
 */

const TOKEN = "123456:TEST-TOKEN-FOR-THE-EMULATOR";
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function payAndLog(env: Record<string, string>, customerNo: string, dir: string): Promise<{ h: Harness; lines: string[]; txId: string }> {
  const lines: string[] = [];
  const h = await startHarness({
    dbPath: join(dir, "bot.sqlite"),
    env: { ...env, BOT_TOKEN: TOKEN, DIGIFLAZZ_WEBHOOK_SECRET: "whsec-digiflazz-0123456789" },
    logLines: lines,
  });
  cleanup.push(() => h.close());
  await topUpSari(h, "2jt");
  const txId = await payPln(h, customerNo);
  expect(booksProblems(h.app.deps.db)).toEqual([]);
  // A secret or a phone number inside a message (an error quoting a URL, a WhatsApp id) is caught on the way out too.
  h.app.deps.log(`Call to https://api.telegram.org/bot${TOKEN}/sendMessage failed for 6281234567890@c.us (${Object.values(env).join(" ")})`);
  expect(lines.at(-1)).toContain("6281******890@c.us");
  expect(lines.at(-1)).toContain("[redacted]");
  return { h, lines, txId };
}

function expectClean(lines: string[], secrets: string[], customerNo: string, txId: string): void {
  const output = lines.join("\n");
  for (const secret of secrets) expect(output, `secret ${secret} in the log`).not.toContain(secret);
  expect(output).not.toContain(customerNo);
  const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const of = (event: string) => events.filter((e) => e.event === event && (e.tx === txId || e.ref === txId));
  expect(of("quote")).toEqual([expect.objectContaining({ customer: `${customerNo.slice(0, 4)}*****${customerNo.slice(-3)}` })]);
  expect(of("charge")).toHaveLength(1);
  expect(of("provider-call").map((e) => e.operation)).toContain("pay");
  expect(of("provider-call").every((e) => typeof e.ms === "number")).toBe(true);
  expect(of("payment-outcome").length).toBeGreaterThan(0);
  expect(events.filter((e) => e.event === "admin-money")).toEqual([expect.objectContaining({ action: "topup", outcome: "done", amount: 2_000_000 })]);
  expect(events.filter((e) => e.event === "update").every((e) => e.outcome === "handled")).toBe(true);
}

describe("no secret in the log", () => {
  it("Digiflazz", async () => {
    const dir = tempDir();
    cleanup.push(() => dir.cleanup());
    const stub = await startDigiflazzStub({ apiKey: "dev-key-digiflazz-secret" });
    cleanup.push(() => stub.close());
    const { lines, txId } = await payAndLog(digiflazzEnv(stub), "530000000001", dir.dir);
    expectClean(lines, ["dev-key-digiflazz-secret", TOKEN, "whsec-digiflazz-0123456789"], "530000000001", txId);
  });

  it("IAK", async () => {
    const dir = tempDir();
    cleanup.push(() => dir.cleanup());
    const stub = await startIakStub({ ...IAK_ACCOUNT, pendingPolls: 0 });
    cleanup.push(() => stub.close());
    const { lines, txId } = await payAndLog(iakEnv(stub), "530000000000", dir.dir);
    expectClean(lines, [IAK_ACCOUNT.apiKey, TOKEN], "530000000000", txId);
  });

  it("Tokopedia", async () => {
    const dir = tempDir();
    cleanup.push(() => dir.cleanup());
    const keys = tokopediaKeys();
    const stub = await startTokopedia(keys, { pendingPolls: 0 });
    cleanup.push(() => stub.close());
    const env = tokopediaEnv(stub, keys, dir.dir);
    const { h, lines, txId } = await payAndLog(env, "102111106111", dir.dir);
    await h.app.worker.checkNow(txId);
    expectClean(lines, ["partner-secret", TOKEN, keys.partner.privateKey.split("\n")[1]!], "102111106111", txId);
  });
});

it("no transaction PIN in the log, the audit log or a flow's stored state: set, a wrong try, the right one, a change, one after an order line", async () => {
  const dir = tempDir();
  cleanup.push(() => dir.cleanup());
  const lines: string[] = [];
  const h = await startHarness({ dbPath: join(dir.dir, "bot.sqlite"), env: { PIN_POLICY: "always", LOG_LEVEL: "debug" }, logLines: lines });
  cleanup.push(() => h.close());
  // Every state a flow stored, after each message: a PIN typed at the prompt must be in none of them.
  const stored: string[] = [];
  const send = async (text: string) => {
    await h.send(text);
    stored.push(JSON.stringify(h.app.deps.db.prepare("SELECT value FROM conversations").all()));
  };
  await topUpSari(h, "2jt");
  await send("/pin 482916");
  await send("/pin 777777 482916");
  await send("/pin 482916 590317");
  await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
  await send("530000000001");
  await h.tap("Bayar");
  await send("731902");
  expect(h.lastText()).toContain("PIN salah");
  await send("590317");
  expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  // The PIN after the order line is read before any flow starts, too.
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  await send("sbx-xl-10.087800001230.590317");
  await send("ya");
  expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  const audit = JSON.stringify(h.app.deps.db.prepare("SELECT * FROM audit_log").all());
  expect(audit).toContain("pin-check");
  // The flow did store the wrong try's message, masked: so the store was looked at while it held it.
  expect(stored.join("\n")).toContain("••••");
  for (const pin of ["482916", "777777", "590317", "731902"]) {
    expect(lines.join("\n"), `PIN ${pin} in the log`).not.toContain(pin);
    expect(audit, `PIN ${pin} in the audit log`).not.toContain(pin);
    expect(stored.join("\n"), `PIN ${pin} in a flow's stored state`).not.toContain(pin);
  }
  expect(booksProblems(h.app.deps.db)).toEqual([]);
});
