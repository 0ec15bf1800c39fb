import { z } from "zod";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

const Row = z.object({ line: z.number().int(), of: z.number().int() });

/** A payment's place in a batch of orders typed in one message. */
export interface OrderLine {
  line: number;
  of: number;
}

/** The order_lines table: which payments came from a batch, and their line in it. */
export class OrderLines {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  mark(txId: string, at: OrderLine): void {
    this.sql("INSERT OR REPLACE INTO order_lines (tx_id, line, of) VALUES (?, ?, ?)").run(txId, at.line, at.of);
  }

  of(txId: string): OrderLine | undefined {
    const row = this.sql("SELECT line, of FROM order_lines WHERE tx_id = ?").get(txId);
    return row === undefined ? undefined : Row.parse(row);
  }
}
