import { parentPort, workerData } from "node:worker_threads";
import { loadCatalog } from "../../src/billing/catalog.js";
import { PrepaidOffer } from "../../src/pricing/prepaid-offer.js";
import { PriceLevels } from "../../src/pricing/prepaid-pricing.js";
import { openDatabase } from "../../src/db/database.js";
import { PrepaidProducts } from "../../src/db/prepaid-products.js";
import { PriceLists } from "../../src/db/price-lists.js";
import { Payments, type ConfirmResult } from "../../src/payments/payments.js";
import { Wallet, type PostResult } from "../../src/payments/wallet.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import { Accounts } from "../../src/db/accounts.js";
import { Users } from "../../src/db/users.js";
import { linkAccounts, type LinkResult } from "../../src/payments/link.js";

/**
 * One of several threads working on the same SQLite file through its own connection. Round by
 * round, every thread waits at a shared barrier and then does its step for the round (confirm a
 * payment, deduct from a balance as an admin would, or link two accounts with a code), so the
 * steps really start together.
 */

export type Step =
  | { op: "confirm"; txId: string; userId: number }
  | { op: "deduct"; userId: number; amount: number }
  /** /tautkan <code> typed by `by`: links the code's user `a` and `b`. */
  | { op: "link"; a: number; b: number; codeId: number; by: number };
export type StepResult = ConfirmResult | PostResult | LinkResult | { kind: "threw"; message: string };

const { dbPath, catalogPath, rounds, barrier, threads } = workerData as {
  dbPath: string;
  catalogPath: string;
  rounds: Step[];
  barrier: SharedArrayBuffer;
  threads: number;
};

const catalog = loadCatalog(catalogPath);
if (!catalog.ok) throw new Error(catalog.message);
const db = openDatabase(dbPath);
const wallet = new Wallet(db);
const prepaid = new PrepaidOffer(
  "sandbox",
  new PrepaidProducts(db, new PriceLists(db)),
  new PriceLevels("umum", catalog.catalog.prepaidMarkup, {}),
  180 * 60_000,
);
const payments = new Payments({ db, provider: createSandboxProvider(), catalog: catalog.catalog, prepaid, wallet, quoteMaxAgeMs: 30 * 60_000 });
const arrived = new Int32Array(barrier);
const users = new Users(db);
const accounts = new Accounts(db);

function run(step: Step): StepResult {
  if (step.op === "confirm") return payments.confirm(step.txId, step.userId);
  if (step.op === "deduct") return wallet.post({ userId: step.userId, amount: -step.amount, kind: "deduct", actorId: 1 });
  const now = Date.now();
  const claim = () => accounts.claimCode(step.codeId, step.by, now);
  return linkAccounts(db, users, wallet, { a: step.a, b: step.b, actorId: step.by, key: `link-code:${step.codeId}`, now, claim });
}

const results: StepResult[] = [];
rounds.forEach((step, i) => {
  Atomics.add(arrived, 0, 1);
  while (Atomics.load(arrived, 0) < threads * (i + 1)) Atomics.wait(arrived, 0, Atomics.load(arrived, 0), 1);
  try {
    results.push(run(step));
  } catch (err) {
    results.push({ kind: "threw", message: (err as Error).message });
  }
});
db.close();
parentPort!.postMessage(results);
