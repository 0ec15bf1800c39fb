import { z } from "zod";
import { PrepaidCategorySchema } from "../billing/bill.js";
import type { PrepaidMarkupRule } from "../billing/prepaid-catalog.js";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

/** What a chat rule applies to: one prepaid product code, a brand, or a category; or bills (a catalog product or category id). */
export const MarkupTargetKindSchema = z.enum(["code", "brand", "category", "bill"]);
export type MarkupTargetKind = z.infer<typeof MarkupTargetKindSchema>;

/** A chat rule's markup: flat rupiah or percent of the cost. */
export type Markup = { flat: number } | { percent: number };

const MarkupSchema = z.union([z.object({ flat: z.number().int().min(0) }).strict(), z.object({ percent: z.number().min(0).max(100) }).strict()]);

const RuleRow = z.object({
  level: z.string(),
  target_kind: MarkupTargetKindSchema,
  target: z.string(),
  flat: z.number().nullable(),
  percent: z.number().nullable(),
});
const ChangeRow = z.object({
  id: z.number(),
  level: z.string(),
  target_kind: MarkupTargetKindSchema,
  target: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export interface MarkupRule {
  level: string;
  kind: MarkupTargetKind;
  target: string;
  markup: Markup;
}

/** One change of a rule: what was there before (undefined: none) and after (undefined: removed). */
export interface MarkupChange {
  id: number;
  level: string;
  kind: MarkupTargetKind;
  target: string;
  before: Markup | undefined;
  after: Markup | undefined;
}

const markupOf = (r: { flat: number | null; percent: number | null }): Markup => (r.flat !== null ? { flat: r.flat } : { percent: r.percent ?? 0 });
const parseMarkup = (json: string | null): Markup | undefined => (json === null ? undefined : MarkupSchema.parse(JSON.parse(json)));

/**
 * The markup rules admins set from the chat (/markup), layered over data/products.json's by
 * PriceLevels; each change is kept with the rule before it, so the last one can be undone. The
 * rules are read on every price: kept in memory, read again after a change.
 */
export class MarkupRules {
  private readonly sql;
  private cache: Map<string, PrepaidMarkupRule[]> | undefined;
  private bills: MarkupRule[] | undefined;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  list(): MarkupRule[] {
    return this.sql("SELECT level, target_kind, target, flat, percent FROM markup_rules ORDER BY level, target_kind, target")
      .all()
      .map((row) => {
        const r = RuleRow.parse(row);
        return { level: r.level, kind: r.target_kind, target: r.target, markup: markupOf(r) };
      });
  }

  /** The rules by level, in the shape of data/products.json's (most specific wins; see markupRuleFor). */
  byLevel(): ReadonlyMap<string, PrepaidMarkupRule[]> {
    if (this.cache) return this.cache;
    const levels = new Map<string, PrepaidMarkupRule[]>();
    for (const r of this.list()) {
      if (r.kind === "bill") continue;
      const target =
        r.kind === "category" ? { category: PrepaidCategorySchema.parse(r.target) } : r.kind === "brand" ? { brand: r.target } : { code: r.target };
      levels.set(r.level, [...(levels.get(r.level) ?? []), { ...target, ...r.markup }]);
    }
    this.cache = levels;
    return levels;
  }

  /** A level's markup on a bill: the rule on the product itself, else on its catalog category. */
  billMarkup(level: string, productId: string, categoryId: string | undefined): Markup | undefined {
    const bills = (this.bills ??= this.list().filter((r) => r.kind === "bill"));
    const on = (target: string | undefined) => bills.find((r) => r.level === level && r.target === target)?.markup;
    return on(productId) ?? on(categoryId);
  }

  /** Sets (or with `markup` undefined, removes) a rule, recording the change. Call inside the caller's transaction with its audit row. */
  set(rule: Omit<MarkupRule, "markup"> & { markup: Markup | undefined }, actorId: number, now: number): MarkupChange {
    const before = this.get(rule.level, rule.kind, rule.target);
    this.write(rule.level, rule.kind, rule.target, rule.markup, now);
    const id = this.sql("INSERT INTO markup_changes (level, target_kind, target, before, after, actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
      rule.level,
      rule.kind,
      rule.target,
      before ? JSON.stringify(before) : null,
      rule.markup ? JSON.stringify(rule.markup) : null,
      actorId,
      now,
    ).lastInsertRowid;
    return { id: Number(id), level: rule.level, kind: rule.kind, target: rule.target, before, after: rule.markup };
  }

  /** Puts back the rule the newest change not yet undone replaced; undefined when there is none. */
  undo(now: number): MarkupChange | undefined {
    const row = this.sql("SELECT id, level, target_kind, target, before, after FROM markup_changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1").get();
    if (row === undefined) return undefined;
    const r = ChangeRow.parse(row);
    const change = { id: r.id, level: r.level, kind: r.target_kind, target: r.target, before: parseMarkup(r.before), after: parseMarkup(r.after) };
    this.write(change.level, change.kind, change.target, change.before, now);
    this.sql("UPDATE markup_changes SET undone_at = ? WHERE id = ?").run(now, r.id);
    return change;
  }

  get(level: string, kind: MarkupTargetKind, target: string): Markup | undefined {
    const row = this.sql("SELECT level, target_kind, target, flat, percent FROM markup_rules WHERE level = ? AND target_kind = ? AND target = ?").get(
      level,
      kind,
      target,
    );
    return row === undefined ? undefined : markupOf(RuleRow.parse(row));
  }

  private write(level: string, kind: MarkupTargetKind, target: string, markup: Markup | undefined, now: number): void {
    this.cache = undefined;
    this.bills = undefined;
    if (!markup) {
      this.sql("DELETE FROM markup_rules WHERE level = ? AND target_kind = ? AND target = ?").run(level, kind, target);
      return;
    }
    this.sql(
      `INSERT INTO markup_rules (level, target_kind, target, flat, percent, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(level, target_kind, target) DO UPDATE SET flat = excluded.flat, percent = excluded.percent, updated_at = excluded.updated_at`,
    ).run(level, kind, target, "flat" in markup ? markup.flat : null, "percent" in markup ? markup.percent : null, now);
  }
}
