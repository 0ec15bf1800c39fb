import type { Api } from "grammy";

/** Telegram's file downloads live beside its Bot API: <root>/file/bot<token>/<file_path>. */
const DEFAULT_ROOT = "https://api.telegram.org";

/**
 * Fetches a file a user sent to the Telegram bot (a broadcast's picture, whose bytes WhatsApp
 * needs), through getFile and the download URL; undefined when Telegram will not give it (files
 * over 20 MB, or an error). Rare and admin-driven: the global fetch is fine here.
 */
export function telegramFileDownloader(apiRoot: string | undefined): (api: Api, fileId: string) => Promise<Uint8Array | undefined> {
  return async (api, fileId) => {
    try {
      const file = await api.getFile(fileId);
      if (!file.file_path) return undefined;
      const answer = await fetch(`${apiRoot ?? DEFAULT_ROOT}/file/bot${api.token}/${file.file_path}`);
      return answer.ok ? new Uint8Array(await answer.arrayBuffer()) : undefined;
    } catch {
      return undefined;
    }
  };
}
