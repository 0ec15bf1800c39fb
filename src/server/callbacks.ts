import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import type { ProviderName } from "../billing/bill.js";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import { callbackLog } from "../db/provider-callbacks.js";
import type { Transactions } from "../db/transactions.js";
import type { Attempts } from "../db/attempts.js";
import type { CheckResult } from "../payments/worker.js";
import { parseDigiflazzCallback, verifyDigiflazzSignature } from "../providers/digiflazz/index.js";
import { parseTokopediaCallback, verifyTokopediaSignature } from "../providers/tokopedia/index.js";
import type { Route } from "./http-server.js";

/**
 * Provider callbacks. Each one is written to provider_callbacks as received, signature good or
 * not (a refused one cut to its first REFUSED_CHARS characters). A bad or missing signature (or
 * no key configured to check it) is answered 401 and changes nothing. A good one only asks the
 * worker for a status check of the payment it names: money moves on what the status check says,
 * never on the callback body, and the request is answered before the provider is asked.
 */

export interface CallbackDeps {
  db: Db;
  txs: Transactions;
  /** A failover's attempt has its own reference: the callback names it, not the transaction's id. */
  attempts: Attempts;
  checkNow(txId: string): Promise<CheckResult>;
  now(): number;
  log(message: string): void;
}

/** What one provider's callback says, read from the raw bytes. */
interface CallbackReader {
  provider: ProviderName;
  signatureOk(body: Buffer, headers: IncomingHttpHeaders): boolean;
  txId(body: Buffer): string | undefined;
}

/**
 * Enough of a refused callback's body (and of the reference it names) to see what was tried:
 * anyone who finds the URL can post refused callbacks, and keeping them whole would let a
 * stranger grow the database without limit.
 */
const REFUSED_CHARS = 512;

const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return typeof v === "string" ? v : undefined;
};

export function callbackRoutes(config: Config, deps: CallbackDeps): Record<string, Route> {
  const secret = config.digiflazz.webhookSecret;
  if (!secret && config.providers.includes("digiflazz")) deps.log("DIGIFLAZZ_WEBHOOK_SECRET is not set: Digiflazz callbacks will be refused");
  const tokopediaKey = loadKey(config.tokopedia.publicKeyPath, config.providers.includes("tokopedia") ? deps.log : () => {});

  const record = callbackLog(deps.db);
  // The attempt sent under the reference (every send since attempts were recorded), else the transaction of that id.
  const ownerOf = (ref: string): { txId: string; provider: string } | undefined => {
    const attempt = deps.attempts.txOf(ref);
    if (attempt) return attempt;
    const tx = deps.txs.get(ref);
    return tx && { txId: tx.id, provider: tx.provider };
  };
  const route =
    (reader: CallbackReader): Route =>
    ({ headers, body }) => {
      const ok = reader.signatureOk(body, headers);
      const keep = (text: string) => (ok ? text : text.slice(0, REFUSED_CHARS));
      const txId = reader.txId(body);
      record({
        provider: reader.provider,
        txId: txId === undefined ? null : keep(txId),
        signatureOk: ok,
        body: keep(body.toString("utf8")),
        receivedAt: deps.now(),
      });
      if (!ok) {
        deps.log(`${reader.provider} callback with a bad or missing signature refused${txId ? ` (says ${keep(txId)})` : ""}`);
        return { status: 401, body: "invalid signature" };
      }
      const owner = txId ? ownerOf(txId) : undefined;
      if (owner?.provider === reader.provider) void deps.checkNow(owner.txId);
      else deps.log(`${reader.provider} callback about ${txId ?? "no transaction"}, which is not one of ours`);
      return { status: 200, body: "ok" };
    };

  return {
    "POST /callbacks/digiflazz": route({
      provider: "digiflazz",
      signatureOk: (body, headers) => !!secret && verifyDigiflazzSignature(body, header(headers, "x-hub-signature"), secret),
      txId: (body) => parseDigiflazzCallback(body, config.digiflazz.dialect).refId,
    }),
    "POST /callbacks/tokopedia": route({
      provider: "tokopedia",
      signatureOk: (body, headers) => !!tokopediaKey && verifyTokopediaSignature(body, header(headers, "signature"), tokopediaKey),
      txId: (body) => parseTokopediaCallback(body).orderId,
    }),
  };
}

function loadKey(path: string | undefined, log: (message: string) => void): KeyObject | undefined {
  if (!path) {
    log("TOKOPEDIA_PUBLIC_KEY_PATH is not set: Tokopedia callbacks will be refused");
    return undefined;
  }
  try {
    return createPublicKey(readFileSync(path));
  } catch (err) {
    log(`TOKOPEDIA_PUBLIC_KEY_PATH ${path} could not be read (${(err as Error).message}): Tokopedia callbacks will be refused`);
    return undefined;
  }
}
