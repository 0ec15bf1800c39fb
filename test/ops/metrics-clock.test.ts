import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { payPln, stateOf, topUpSari } from "../support/pay.js";

/** The backlog's age is read on the app's clock, the one payments are dated with, not the wall's. */

const clock = new Clock();
const testBot = botPerTest({ clock });

it("payments_in_flight_oldest_seconds is the age of the oldest unsettled payment by the app's clock", async () => {
  const h = await testBot.start();
  const server = (await h.app.listen({ ephemeral: true }))!;
  const oldest = async () => Number(/^payments_in_flight_oldest_seconds (\S+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())![1]);
  await topUpSari(h, "1jt");
  // Sandbox: this number stays pending until a status check.
  const txId = await payPln(h, "630000000001");
  expect(stateOf(h, txId)).toBe("pending");
  expect(await oldest()).toBe(0);
  clock.advance(90_000);
  expect(await oldest()).toBe(90);
  await server.close();
});
