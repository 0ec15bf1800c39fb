import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, SARI } from "../support/harness.js";

/** A user flooding the bot is told once and then ignored for the rest of the minute; admins never are. */

const testBot = botPerTest();
const NOTICE = "Maaf, pesanmu terlalu banyak dalam waktu singkat";

it("answers a flood with one polite notice and nothing more, and never limits an admin", async () => {
  const h = await testBot.start({ env: { RATE_LIMIT_PER_MINUTE: "3" } });
  for (let i = 0; i < 8; i++) await h.send("/saldo");
  const texts = h.texts(SARI.id);
  expect(texts.filter((t) => t.includes(NOTICE))).toHaveLength(1);
  // Three answered, then the notice, then silence.
  expect(texts).toHaveLength(4);
  expect(texts[3]).toContain(NOTICE);

  for (let i = 0; i < 8; i++) await h.send("/saldo", ADMIN);
  expect(h.texts(ADMIN.id).filter((t) => t.includes(NOTICE))).toEqual([]);
  expect(h.texts(ADMIN.id)).toHaveLength(8);
});
