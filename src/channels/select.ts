import type { Config } from "../config.js";
import type { ChannelSpec } from "./channel.js";
import { telegramChannel } from "./telegram.js";
import { terminalChannel } from "./terminal.js";
import { chromiumMissing, findChromium, removeStaleLock } from "./whatsapp/chromium.js";
import { loadWhatsAppClients, profileDir } from "./whatsapp/client.js";
import { whatsappChannel } from "./whatsapp/channel.js";

export type Selected = { ok: true; channels: [ChannelSpec, ...ChannelSpec[]] } | { ok: false; message: string };

/**
 * The channels the configuration asks for: Telegram with BOT_TOKEN, WhatsApp with
 * WHATSAPP_ENABLED (when a Chromium is found), side by side; the terminal chat when neither is set.
 */
export function selectChannels(config: Config, log: (message: string) => void, warn = log): Selected {
  const channels: ChannelSpec[] = [];
  if (config.botToken) channels.push(telegramChannel({ ...config, botToken: config.botToken }, log, warn));
  if (config.whatsapp.enabled) {
    const chromiumPath = findChromium(config.whatsapp.chromiumPath);
    if (!chromiumPath) warn(chromiumMissing(config.whatsapp.chromiumPath));
    else {
      const { sessionDir, pairingNumber } = config.whatsapp;
      log(`WhatsApp: Chromium ${chromiumPath}, session in ${sessionDir}.`);
      channels.push(
        whatsappChannel({
          settings: config.whatsapp,
          async clients() {
            const create = await loadWhatsAppClients({ chromiumPath, sessionDir, pairingNumber });
            return () => {
              // A browser killed by a crash, or on a container's earlier hostname, leaves a lock that blocks every launch.
              const said = removeStaleLock(profileDir(sessionDir));
              if (said) log(`WhatsApp: ${said}`);
              return create();
            };
          },
          log,
          warn,
        }),
      );
    }
  }
  const [first, ...more] = channels;
  if (first) return { ok: true, channels: [first, ...more] };
  if (config.whatsapp.enabled) return { ok: false, message: "No channel to run: WhatsApp needs a Chromium (see above) and BOT_TOKEN is not set." };
  return { ok: true, channels: [terminalChannel(config, log)] };
}
