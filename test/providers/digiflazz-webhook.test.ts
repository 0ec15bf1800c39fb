import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { createDigiflazzProvider } from "../../src/providers/digiflazz/index.js";
import { parseDigiflazzCallback, verifyDigiflazzSignature } from "../../src/providers/digiflazz/webhook.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";

const SECRET = "webhook-secret";
const sign = (body: string | Buffer, secret = SECRET) => `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;

describe("verifyDigiflazzSignature", () => {
  const body = JSON.stringify({ data: { ref_id: "r1", rc: "00", status: "Sukses" } });

  it("accepts the HMAC-SHA1 of the raw body, as a string or as bytes", () => {
    expect(verifyDigiflazzSignature(body, sign(body), SECRET)).toBe(true);
    expect(verifyDigiflazzSignature(Buffer.from(body), sign(body), SECRET)).toBe(true);
    expect(verifyDigiflazzSignature(body, sign(body).toUpperCase().replace("SHA1=", "sha1="), SECRET)).toBe(true);
  });

  it.each([
    ["missing header", undefined],
    ["empty header", ""],
    ["no sha1= prefix", sign(body).slice(5)],
    ["sha256 prefix", sign(body).replace("sha1=", "sha256=")],
    ["truncated digest", sign(body).slice(0, -2)],
    ["non-hex digest", `sha1=${"z".repeat(40)}`],
    ["another secret", sign(body, "other-secret")],
  ])("rejects %s", (_label, header) => {
    expect(verifyDigiflazzSignature(body, header, SECRET)).toBe(false);
  });

  it("rejects a body changed after signing, even only in whitespace", () => {
    expect(verifyDigiflazzSignature(body.replace(":", ": "), sign(body), SECRET)).toBe(false);
  });

  it("rejects everything when no secret is configured", () => {
    expect(verifyDigiflazzSignature(body, sign(body, ""), "")).toBe(false);
  });
});

describe("parseDigiflazzCallback", () => {
  const cb = (data: Record<string, unknown>) =>
    JSON.stringify({ data: { ref_id: "r1", customer_no: "1", name: "A", code: "pln", admin: 2500, price: 10000, selling_price: 11000, sn: "SN9", ...data } });

  it("reads a success into a Payment", () => {
    const body = cb({ rc: "00", status: "Sukses", desc: { lembar_tagihan: 1, detail: [{ periode: "201901" }] } });
    expect(parseDigiflazzCallback(body, "whitelabel")).toEqual({
      refId: "r1",
      outcome: { kind: "success", value: { sn: "SN9", cost: 10000, details: [{ key: "lembar_tagihan", value: "1" }] }, raw: body },
    });
  });

  it("reads a failure and a pending with the same table as the adapter", () => {
    expect(parseDigiflazzCallback(cb({ rc: "02", status: "Gagal", message: "Transaksi Gagal" }), "whitelabel").outcome).toMatchObject({
      kind: "failed",
      code: "02",
      blame: "provider",
    });
    expect(parseDigiflazzCallback(Buffer.from(cb({ rc: "99", status: "Pending" })), "whitelabel").outcome.kind).toBe("pending");
    expect(parseDigiflazzCallback(cb({ rc: "01", status: "Gagal" }), "whitelabel").outcome.kind).toBe("failed");
  });

  it.each([
    ["no ref_id", JSON.stringify({ data: { rc: "00", status: "Sukses" } }), undefined],
    ["malformed JSON", '{"data": {"ref_id": "r1"', undefined],
    ["an undocumented code", cb({ rc: "37", status: "Gagal" }), "r1"],
    ["status contradicting rc", cb({ rc: "00", status: "Gagal" }), "r1"],
    ["white-label body read as canonical", cb({ rc: "00", status: "Sukses" }), "r1"],
  ])("%s -> unknown", (_label, body, refId) => {
    const out = parseDigiflazzCallback(body, "canonical");
    expect(out.refId).toBe(refId);
    expect(out.outcome.kind).toBe("unknown");
  });
});

describe.each<Config["digiflazz"]["dialect"]>(["whitelabel", "canonical"])("stub callbacks end to end (%s)", (dialect) => {
  let stub: DigiflazzStub;
  let receiver: Server;
  let receiverUrl = "";
  const received: { raw: Buffer; headers: Record<string, string | string[] | undefined> }[] = [];
  let n = 0;

  beforeAll(async () => {
    stub = await startDigiflazzStub();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        received.push({ raw, headers: req.headers });
        const ok = verifyDigiflazzSignature(raw, req.headers["x-hub-signature"] as string | undefined, SECRET);
        res.writeHead(ok ? 200 : 401).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callback/digiflazz`;
  });
  afterAll(async () => {
    await stub.close();
    await new Promise((r) => receiver.close(r));
  });

  async function pendingPayment(customerNo: string) {
    const provider = createDigiflazzProvider(
      { username: stub.username, apiKey: stub.apiKey, baseUrl: stub.url, dialect, testing: true, webhookSecret: SECRET },
      { timeoutMs: 2000 },
    );
    const inq = await provider.inquiry({ ref: `${dialect}-${customerNo}-${++n}`, productCode: "pln", customerNo });
    if (inq.kind !== "success") throw new Error(JSON.stringify(inq));
    expect((await provider.pay(inq.value)).kind).toBe("pending");
    return { provider, bill: inq.value };
  }

  it("pending then success: the signed callback settles it, and status agrees", async () => {
    const { provider, bill } = await pendingPayment("630000000001");
    expect(await stub.sendWebhook(receiverUrl, bill.refs.refId, SECRET)).toBe(200);
    const got = received.at(-1)!;
    expect(got.headers["x-digiflazz-event"]).toBe("update");
    expect(got.headers["user-agent"]).toBe("Digiflazz-Pasca-Hookshot");
    const parsed = parseDigiflazzCallback(got.raw, dialect);
    expect(parsed.refId).toBe(bill.refs.refId);
    expect(parsed.outcome).toMatchObject({ kind: "success", value: { sn: `SN-${bill.refs.refId}`, cost: bill.cost } });
    expect(await provider.status(bill)).toMatchObject({ kind: "success" });
    expect(stub.payCalls(bill.refs.refId)).toBe(1);
  });

  it("pending then fail: the callback is a final failure", async () => {
    const { bill } = await pendingPayment("630000000006");
    expect(await stub.sendWebhook(receiverUrl, bill.refs.refId, SECRET)).toBe(200);
    expect(parseDigiflazzCallback(received.at(-1)!.raw, dialect).outcome).toMatchObject({ kind: "failed", code: "02" });
  });

  it("a callback signed with another secret, or unsigned, is refused by the receiver", async () => {
    const { bill } = await pendingPayment("630000000001");
    expect(await stub.sendWebhook(receiverUrl, bill.refs.refId, "not-the-secret")).toBe(401);
    expect(await stub.sendWebhook(receiverUrl, bill.refs.refId, "")).toBe(401);
    expect(received.at(-1)!.headers["x-hub-signature"]).toBeUndefined();
  });
});
