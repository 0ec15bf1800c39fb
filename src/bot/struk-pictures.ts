import { type Api, InputFile } from "grammy";
import type { ForceReply, InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import type { Translate } from "../billing/format.js";
import type { ReceiptInput } from "../billing/receipt.js";
import { strukContent } from "../billing/struk.js";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import { StrukSettings } from "../db/struk-settings.js";
import { renderStruk } from "../pictures/struk-picture.js";

/** A picture to send: PNG bytes and the file name it goes by. */
export interface Picture {
  png: Uint8Array;
  filename: string;
}

/** Telegram's limit on a photo's caption; a longer receipt goes as its own message right after the picture. */
export const CAPTION_MAX = 1024;

/**
 * Struk pictures: each paid receipt drawn as a PNG for its payer, unless the operator (STRUK_PICTURES)
 * or the user (/struk off) turned them off, with the user's counter fee or else the operator's.
 */
export class StrukPictures {
  readonly settings: StrukSettings;

  constructor(
    db: Db,
    readonly config: Config["struk"],
    private readonly log: (message: string) => void,
  ) {
    this.settings = new StrukSettings(db);
  }

  /** The counter fee on this user's pictures: their own, else the operator's. */
  counterFee(userId: number): number {
    return this.settings.get(userId).counterFee ?? this.config.counterFee;
  }

  /**
   * The picture of a paid receipt, or undefined: not a success, or pictures off. Never rejects: a
   * picture that cannot be drawn is logged, and the text receipt goes out alone.
   */
  forReceipt(a: ReceiptInput, t: Translate): Promise<Picture | undefined> | undefined {
    const userId = a.tx.userId;
    if (!this.config.pictures || !this.settings.get(userId).pictures) return undefined;
    const content = strukContent(a, { storeName: this.config.storeName, footer: this.config.footer, counterFee: this.counterFee(userId) }, t);
    if (!content) return undefined;
    return renderStruk(content, this.config.logoPath).then(
      (png) => ({ png, filename: `struk-${a.tx.id}.png` }),
      (err: Error) => {
        this.log(`struk picture for ${a.tx.id} could not be drawn: ${err.message}`);
        return undefined;
      },
    );
  }
}

/**
 * The picture with the text as its caption; a text too long for a caption goes right after it. A
 * picture Telegram refuses still leaves the text: that is the receipt. Returns the text's message.
 */
export async function sendWithPicture(
  api: Api,
  chatId: number,
  text: string,
  extra: { reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply },
  picture: Picture,
  log: (message: string) => void,
): Promise<Message> {
  const photo = new InputFile(picture.png, picture.filename);
  if (text.length <= CAPTION_MAX) {
    const sent = await api.sendPhoto(chatId, photo, { caption: text, ...extra }).catch((err: Error) => {
      log(`could not send ${picture.filename} to ${chatId}: ${err.message}`);
      return undefined;
    });
    if (sent) return sent;
  } else {
    await api.sendPhoto(chatId, photo).catch((err: Error) => log(`could not send ${picture.filename} to ${chatId}: ${err.message}`));
  }
  return api.sendMessage(chatId, text, extra);
}
