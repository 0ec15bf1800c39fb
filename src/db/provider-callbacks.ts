import type { Db } from "./database.js";

export interface ReceivedCallback {
  provider: string;
  txId: string | null;
  signatureOk: boolean;
  body: string;
  receivedAt: number;
}

/** Keeps every provider callback as received, forged ones too (cut short by the caller), for the operator to read. */
export function callbackLog(db: Db): (callback: ReceivedCallback) => void {
  const insert = db.prepare("INSERT INTO provider_callbacks (provider, tx_id, signature_ok, body, received_at) VALUES (?, ?, ?, ?, ?)");
  return (c) => void insert.run(c.provider, c.txId, c.signatureOk ? 1 : 0, c.body, c.receivedAt);
}
