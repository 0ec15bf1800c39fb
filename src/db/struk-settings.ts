import { z } from "zod";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

const Row = z.object({ pictures: z.number().int(), counter_fee: z.number().int().nullable() });

/** A user's struk picture settings: pictures on or off, and their own counter fee (undefined: the operator's). */
export interface StrukSetting {
  pictures: boolean;
  counterFee: number | undefined;
}

/** The struk_settings table; a user without a row has pictures on and the operator's counter fee. */
export class StrukSettings {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  get(userId: number): StrukSetting {
    const row = this.sql("SELECT pictures, counter_fee FROM struk_settings WHERE user_id = ?").get(userId);
    if (row === undefined) return { pictures: true, counterFee: undefined };
    const r = Row.parse(row);
    return { pictures: r.pictures === 1, counterFee: r.counter_fee ?? undefined };
  }

  setPictures(userId: number, on: boolean): void {
    this.sql("INSERT INTO struk_settings (user_id, pictures) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET pictures = excluded.pictures").run(
      userId,
      on ? 1 : 0,
    );
  }

  /** The user's own counter fee; undefined goes back to the operator's. */
  setCounterFee(userId: number, fee: number | undefined): void {
    this.sql("INSERT INTO struk_settings (user_id, counter_fee) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET counter_fee = excluded.counter_fee").run(
      userId,
      fee ?? null,
    );
  }
}
