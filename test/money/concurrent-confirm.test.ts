import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadCatalog } from "../../src/billing/catalog.js";
import { PrepaidOffer } from "../../src/pricing/prepaid-offer.js";
import { PriceLevels } from "../../src/pricing/prepaid-pricing.js";
import { openDatabase, type Db } from "../../src/db/database.js";
import { PrepaidProducts } from "../../src/db/prepaid-products.js";
import { PriceLists } from "../../src/db/price-lists.js";
import { Users } from "../../src/db/users.js";
import { Accounts } from "../../src/db/accounts.js";
import { Payments } from "../../src/payments/payments.js";
import { Wallet } from "../../src/payments/wallet.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import { SANDBOX_PREPAID_PRODUCTS } from "../../src/providers/sandbox/prepaid.js";
import { booksProblems } from "../support/books.js";
import { bundlePath } from "../support/entry.js";
import { tempDir } from "../support/harness.js";
import type { Step, StepResult } from "./confirm-thread.js";

/**
 * Confirmations at the same moment from separate threads, each with its own connection to one
 * SQLite file (as two bot processes would have): a transaction is charged once, a balance is
 * never overdrawn, and the loser gets an answer, not an exception. Bills and prepaid purchases alike.
 */

const CATALOG = "data/products.json";
const ROUNDS = 25;
let dir: ReturnType<typeof tempDir>;
let db: Db;
let payments: Payments;
let wallet: Wallet;
const dbPath = () => join(dir.dir, "bot.sqlite");

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(dbPath());
  const catalog = loadCatalog(CATALOG);
  if (!catalog.ok) throw new Error(catalog.message);
  wallet = new Wallet(db);
  const products = new PrepaidProducts(db, new PriceLists(db));
  products.save("sandbox", SANDBOX_PREPAID_PRODUCTS, Date.now());
  const prepaid = new PrepaidOffer("sandbox", products, new PriceLevels("umum", catalog.catalog.prepaidMarkup, {}), 180 * 60_000);
  payments = new Payments({ db, provider: createSandboxProvider(), catalog: catalog.catalog, prepaid, wallet, quoteMaxAgeMs: 30 * 60_000 });
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

/** Runs each list of steps in its own thread, round by round in step. */
function runTogether(perThread: Step[][]): Promise<StepResult[][]> {
  const barrier = new SharedArrayBuffer(4);
  return Promise.all(
    perThread.map(
      (rounds) =>
        new Promise<StepResult[]>((resolve, reject) => {
          const worker = new Worker(bundlePath("confirmThread"), {
            workerData: { dbPath: dbPath(), catalogPath: CATALOG, rounds, barrier, threads: perThread.length },
          });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
}

/** What a step came to: a confirmation's kind, "posted" for a deduction that went through, or why not. */
const outcome = (r: StepResult) => ("kind" in r ? r.kind : "accountId" in r ? "linked" : r.ok ? "posted" : r.reason);

/** A bill quote for an even user, a prepaid one (Telkomsel pulsa) for an odd one. */
async function quote(userId: number, customerNo: string): Promise<string> {
  const q =
    userId % 2 === 0
      ? await payments.quote(userId, userId, "pln-pascabayar", { customerNo })
      : await payments.quote(userId, userId, "prepaid:sbx-tsel-10", { customerNo: "081234567890" });
  if (q.kind !== "quoted") throw new Error(`no quote: ${q.kind}`);
  return q.txId;
}

it("two confirmations of one transaction at the same moment debit once", async () => {
  const users = new Users(db);
  const txIds: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const userId = 100 + i;
    users.upsert({ id: userId, channel: "telegram", firstName: "U" });
    wallet.post({ userId, amount: 10_000_000, kind: "topup" });
    txIds.push(await quote(userId, "530000000001"));
  }
  const rounds: Step[] = txIds.map((txId, i) => ({ op: "confirm", txId, userId: 100 + i }));
  const [a, b] = await runTogether([rounds, rounds]);

  for (let i = 0; i < ROUNDS; i++) {
    const kinds = [outcome(a![i]!), outcome(b![i]!)].sort();
    expect(kinds, `round ${i}`).toEqual(["confirmed", "not-open"]);
    expect(payments.txs.get(txIds[i]!)!.state).toBe("confirmed");
  }
  expect(booksProblems(db)).toEqual([]);
  expect((db.prepare("SELECT COUNT(*) AS n FROM ledger WHERE kind = 'charge'").get() as { n: number }).n).toBe(ROUNDS);
  expect(
    (db.prepare("SELECT COUNT(*) AS n FROM transactions WHERE product_id LIKE 'prepaid:%' AND state = 'confirmed'").get() as { n: number }).n,
  ).toBeGreaterThan(10);
});

it("a confirmation and an admin deduction racing for one balance: only one of them gets the money", async () => {
  const users = new Users(db);
  const confirms: Step[] = [];
  const deducts: Step[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const userId = 300 + i;
    users.upsert({ id: userId, channel: "telegram", firstName: "U" });
    const txId = await quote(userId, "530000000001");
    const price = payments.txs.get(txId)!.price;
    wallet.post({ userId, amount: price, kind: "topup" });
    confirms.push({ op: "confirm", txId, userId });
    deducts.push({ op: "deduct", userId, amount: price });
  }
  const [a, b] = await runTogether([confirms, deducts]);

  for (let i = 0; i < ROUNDS; i++) {
    const outcomes = [outcome(a![i]!), outcome(b![i]!)];
    expect(outcomes, `round ${i}`).toSatisfy(
      (o: string[]) => (o[0] === "confirmed" && o[1] === "insufficient") || (o[0] === "insufficient" && o[1] === "posted"),
    );
    expect(wallet.balance(300 + i)).toBe(0);
  }
  expect(booksProblems(db)).toEqual([]);
});

it("one link code typed on two connections at the same moment links once: the balance moves once", async () => {
  const users = new Users(db);
  const accounts = new Accounts(db);
  const rounds: Step[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [telegram, whatsapp] = [500 + i, 2 ** 52 + i];
    users.upsert({ id: telegram, channel: "telegram", firstName: "T" });
    users.upsert({ id: whatsapp, channel: "whatsapp", firstName: "W" });
    wallet.post({ userId: telegram, amount: 10_000, kind: "topup" });
    wallet.post({ userId: whatsapp, amount: 5_000, kind: "topup" });
    accounts.issueCode(telegram, String(100_000 + i), Date.now(), Date.now() + 600_000);
    const codeId = accounts.openCode(String(100_000 + i))!.id;
    rounds.push({ op: "link", a: telegram, b: whatsapp, codeId, by: whatsapp });
  }
  const [a, b] = await runTogether([rounds, rounds]);

  for (let i = 0; i < ROUNDS; i++) {
    const kinds = [outcome(a![i]!), outcome(b![i]!)].sort();
    expect(kinds, `round ${i}`).toSatisfy((k: string[]) => k[1] === "linked" && ["already-linked", "code-used"].includes(k[0]!));
    expect([wallet.balance(500 + i), wallet.balance(2 ** 52 + i)]).toEqual([15_000, 0]);
  }
  expect(booksProblems(db)).toEqual([]);
  expect((db.prepare("SELECT COUNT(*) AS n FROM ledger WHERE note LIKE 'link:%'").get() as { n: number }).n).toBe(2 * ROUNDS);
});
