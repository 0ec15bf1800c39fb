import type { Config } from "../config.js";
import type { ChannelSpec } from "./channel.js";
import { telegramChannel } from "./telegram.js";
import { terminalChannel } from "./terminal.js";

export type Selected = { ok: true; channels: [ChannelSpec, ...ChannelSpec[]] } | { ok: false; message: string };

/** The channels the configuration asks for: Telegram with BOT_TOKEN; the terminal chat otherwise. */
export function selectChannels(config: Config, log: (message: string) => void): Selected {
  if (config.botToken) return { ok: true, channels: [telegramChannel({ ...config, botToken: config.botToken }, log)] };
  return { ok: true, channels: [terminalChannel(config, log)] };
}
