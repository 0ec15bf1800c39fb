import { readFileSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { TOKOPEDIA_FIXTURE_DIR, type TokopediaStub } from "../stubs/tokopedia-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { summaryTxId, topUpSari } from "../support/pay.js";
import { startTokopedia, tokopediaEnv, tokopediaKeys } from "../support/provider-env.js";

/**
 * Tokopedia's SAMSAT Jawa Timur needs the owner's NIK, the engine number and a phone number
 * besides the plate (seed 002): the bot asks for each, checks it, and sends them as `fields` in
 * the inquiry and again in the checkout, named and ordered as the seed's requests show.
 */

const testBot = botPerTest();
let stub: TokopediaStub;
const keys = tokopediaKeys();
beforeEach(async () => {
  stub = await startTokopedia(keys, { pendingPolls: 0 });
});
afterEach(() => stub.close());

const seedFieldNames = (file: string): string[] =>
  JSON.parse(readFileSync(`${TOKOPEDIA_FIXTURE_DIR}${file}`, "utf8")).data.attributes.fields.map((f: { name: string }) => f.name);
const bodyOf = (endpoint: "inquiry" | "order") => JSON.parse(stub.calls.filter((c) => c.endpoint === endpoint).at(-1)!.body);

it("asks for the NIK, engine number and phone number, refuses ones that do not fit, and sends them in inquiry and checkout", async () => {
  const h = await testBot.start({ env: tokopediaEnv(stub, keys, testBot.dir) });
  await topUpSari(h, "1jt");
  await h.send("/bayar");
  await h.tap("Pajak");
  await h.tap("Berikutnya");
  await h.tap("SAMSAT Jawa Timur");
  await h.send("S 2111 KT");
  expect(h.lastText()).toBe("Ketik NIK pemilik kendaraan sesuai KTP (16 digit), contoh 3578010101900001.");
  await h.send("12345");
  expect(h.lastText()).toContain('Nomor "12345" tidak sesuai. Yang dibutuhkan: NIK pemilik kendaraan sesuai KTP (16 digit)');
  await h.send("3578 0101 0190 0001");
  expect(h.lastText()).toContain("nomor mesin kendaraan sesuai STNK");
  await h.send("kev8e1554111");
  expect(h.lastText()).toContain("nomor HP pemilik kendaraan");
  await h.send("0812");
  expect(h.lastText()).toContain('Nomor "0812" tidak sesuai');
  await h.send("0812-2334-4556");

  const txId = summaryTxId(h);
  expect(txId, h.lastText()).toBeDefined();
  const fields = [
    { name: "nik", value: "3578010101900001" },
    { name: "machine_number", value: "KEV8E1554111" },
    { name: "phone_number", value: "081223344556" },
  ];
  // Named and ordered as the seed's own inquiry and order requests.
  expect(fields.map((f) => f.name)).toEqual(seedFieldNames("samsat-jatim.inquiry-request.json"));
  expect(fields.map((f) => f.name)).toEqual(seedFieldNames("samsat-jatim.order-request.json"));
  expect(bodyOf("inquiry").data.attributes).toEqual({ product_code: "samsat-jatim", client_number: "S2111KT", fields });

  await h.tap("Bayar");
  expect(bodyOf("order").data).toEqual({
    type: "order",
    id: txId,
    attributes: { product_code: "samsat-jatim", client_number: "S2111KT", amount: 215500, fields },
  });
  await h.app.worker.checkNow(txId!);
  expect(h.app.deps.payments.txs.get(txId!)!.state).toBe("success");
  expect(stub.payCalls(txId!)).toBe(1);
  // Kept with the payment, so "pay again" from a saved number sends them too.
  expect(h.app.deps.payments.txs.get(txId!)!.input).toEqual({ customerNo: "S2111KT", fields });
});

it("pay again from a saved SAMSAT Jatim number sends the saved fields without asking", async () => {
  const h = await testBot.start({ env: tokopediaEnv(stub, keys, testBot.dir) });
  await topUpSari(h, "1jt");
  const fields = [
    { name: "nik", value: "3578010101900001" },
    { name: "machine_number", value: "KEV8E1554111" },
    { name: "phone_number", value: "081223344556" },
  ];
  h.app.deps.favorites.save(42, "samsat-jatim", { customerNo: "S2111KT", fields }, "Motor");
  await h.send("/favorit");
  await h.tap("Motor");
  expect(summaryTxId(h), h.lastText()).toBeDefined();
  expect(bodyOf("inquiry").data.attributes.fields).toEqual(fields);
});
