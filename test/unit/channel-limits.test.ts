import { describe, expect, it } from "vitest";
import { TELEGRAM_LIMITS } from "../../src/bot/outgoing.js";
import { selectChannels } from "../../src/channels/select.js";
import { whatsappChannel } from "../../src/channels/whatsapp/channel.js";
import { loadConfig } from "../../src/config.js";

const TOKEN = "123456:TEST-telegram-token-abcdefghij";
const channels = (env: Record<string, string>) => {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.message);
  const selected = selectChannels(loaded.config, () => {});
  if (!selected.ok) throw new Error(selected.message);
  return selected.channels.map((c) => [c.name, c.limits]);
};

describe("which bot keeps Telegram's limits", () => {
  it("Telegram's does, unless TELEGRAM_LIMITS=false (a stand-in without limits); left empty it keeps the default", () => {
    expect(channels({ BOT_TOKEN: TOKEN })).toEqual([["telegram", TELEGRAM_LIMITS]]);
    expect(channels({ BOT_TOKEN: TOKEN, TELEGRAM_LIMITS: "" })).toEqual([["telegram", TELEGRAM_LIMITS]]);
    expect(channels({ BOT_TOKEN: TOKEN, TELEGRAM_LIMITS: "false" })).toEqual([["telegram", undefined]]);
  });

  it("the terminal's and WhatsApp's do not: they talk to the Bot API emulator, not to Telegram (WhatsApp paces itself)", () => {
    expect(channels({})).toEqual([["terminal", undefined]]);
    const loaded = loadConfig({ WHATSAPP_ENABLED: "true" });
    if (!loaded.ok) throw new Error(loaded.message);
    expect(
      whatsappChannel({ settings: loaded.config.whatsapp, clients: () => Promise.reject(new Error("no browser here")), log: () => {} }).limits,
    ).toBeUndefined();
  });
});
