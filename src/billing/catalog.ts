import { readFileSync } from "node:fs";
import { z } from "zod";
import { ProviderNameSchema, type Bill, type ProviderName } from "./bill.js";
import { normalizePhone } from "../phone.js";
import {
  PrepaidCatalogSchema,
  type PrepaidCatalogEntry,
  PrepaidLevelsSchema,
  type PrepaidLevels,
  PrepaidMarkupRuleSchema,
  type PrepaidMarkupRule,
} from "./prepaid-catalog.js";

/** The operator's product catalog (data/products.json), validated at start-up and when read again. */

const Names = z.object({ id: z.string().min(1), en: z.string().min(1) });

const Regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected a valid regular expression" },
);

export const ProductKindSchema = z.enum([
  "pln",
  "pdam",
  "hp",
  "internet",
  "bpjs",
  "multifinance",
  "pbb",
  "pgas",
  "tv",
  "plnnontaglis",
  "emoney",
  "samsat",
  "bpjstk",
  "education",
  "insurance",
  "property",
  "credit",
]);
export type ProductKind = z.infer<typeof ProductKindSchema>;

const Markup = z.union([z.object({ flat: z.number().int().min(0) }).strict(), z.object({ percent: z.number().min(0).max(100) }).strict()], {
  message: 'expected {"flat": <whole rupiah>} or {"percent": <0-100>}',
});

const ProductSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, { message: "expected lowercase letters, digits and dashes" }),
  names: Names,
  kind: ProductKindSchema,
  codes: z
    .object({
      sandbox: z.string().min(1).optional(),
      digiflazz: z.string().min(1).optional(),
      iak: z.string().min(1).optional(),
      tokopedia: z.string().min(1).optional(),
    })
    .strict(),
  input: z.object({
    /** Whole-string pattern for the customer number, after spaces and dashes are removed. */
    pattern: Regex,
    hint: Names,
    /** E-money: the amount to top up. */
    amount: z.object({ min: z.number().int().positive(), max: z.number().int().positive(), multiple: z.number().int().positive() }).optional(),
    /** SAMSAT: the owner's identity number asked after the payment code. */
    identity: z.object({ pattern: Regex, hint: Names }).optional(),
    /** PBB: the tax year, for providers that take one. */
    year: z.boolean().optional(),
    /**
     * Named fields the provider wants besides the customer number, asked one by one in this order
     * and sent under these names (Tokopedia `fields`: SAMSAT Jawa Timur's nik, machine_number, phone_number).
     */
    fields: z
      .array(z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: "expected a lowercase field name" }), pattern: Regex, hint: Names }))
      .optional(),
    /** The number is a phone number: +62 / 62 / 0 forms are one number, sent in the 08… form billers take. */
    phone: z.boolean().optional(),
    /**
     * BPJS Kesehatan: paying several months ahead, asked after the number as buttons, at the
     * providers whose inquiry takes the number of months (IAK `month`, bpjs-kesehatan/inquiry.md).
     * Digiflazz's inquiry has no such input (it bills the arrears as they stand) and Tokopedia sells
     * one product per number of months (bpjs-kesehatan-iuran-1month), so neither is listed there.
     * IAK documents no maximum; choices stop at 12 (a year ahead) so a slip in the catalog cannot
     * quote years of contributions.
     */
    months: z
      .object({ providers: z.array(ProviderNameSchema).min(1), choices: z.array(z.number().int().min(1).max(12)).min(1) })
      .strict()
      .optional(),
  }),
  markup: Markup,
  enabled: z.boolean().default(true),
  /**
   * A monthly bill that can be reminded of: the day of the month (WIB) its biller is asked by
   * default, after the biller publishes the month's bills (PLN from about the 5th, PDAM the 10th).
   * A user may pick another day. Without it (one-off and yearly bills, top-ups) no reminder is offered.
   */
  remindDay: z.number().int().min(1).max(31).optional(),
});
export type Product = z.infer<typeof ProductSchema>;

const CategorySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  names: Names,
  products: z.array(ProductSchema).min(1),
});
export type Category = z.infer<typeof CategorySchema>;

const CatalogSchema = z
  .object({
    categories: z.array(CategorySchema).min(1),
    /**
     * Prepaid products come from the provider's price list; the catalog holds their markup and, for
     * Tokopedia (whose list has no category or brand), what each product code is.
     */
    prepaid: z
      .object({ markup: z.array(PrepaidMarkupRuleSchema), levels: PrepaidLevelsSchema.optional(), tokopedia: PrepaidCatalogSchema.optional() })
      .strict()
      .optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.categories.forEach((cat, ci) =>
      cat.products.forEach((p, pi) => {
        if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: ["categories", ci, "products", pi, "id"], message: `duplicate product id "${p.id}"` });
        seen.add(p.id);
      }),
    );
  });

/** A catalog name in the user's language (Indonesian unless they chose English). */
export const localName = (names: { id: string; en: string }, locale: string) => (locale === "en" ? names.en : names.id);

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; message: string };

export class Catalog {
  private readonly byId = new Map<string, Product>();
  /** forProvider's answers, until replace(): there are four providers. */
  private readonly served = new Map<ProviderName, Category[]>();

  /** Counts replace(): whoever keeps something worked out from the catalog works it out again when it moves. */
  private replaced = 0;

  constructor(
    readonly categories: Category[],
    readonly prepaidMarkup: PrepaidMarkupRule[] = [],
    /** Tokopedia's prepaid products as the operator describes them (see prepaid-catalog.ts). */
    readonly tokopediaPrepaid: PrepaidCatalogEntry[] = [],
    /** The prepaid markup of the price levels besides the default (prepaid-catalog.ts). */
    readonly prepaidLevels: PrepaidLevels = {},
  ) {
    this.index();
  }

  get version(): number {
    return this.replaced;
  }

  /**
   * Takes `next`'s content (data/products.json read again while the bot runs: catalog-reload.ts),
   * keeping this object and its arrays, so the parts built on them at start-up (the price levels,
   * the Tokopedia provider) price and describe by the new content from their next call.
   */
  replace(next: Catalog): void {
    this.categories.splice(0, this.categories.length, ...next.categories);
    this.prepaidMarkup.splice(0, this.prepaidMarkup.length, ...next.prepaidMarkup);
    this.tokopediaPrepaid.splice(0, this.tokopediaPrepaid.length, ...next.tokopediaPrepaid);
    for (const level of Object.keys(this.prepaidLevels)) Reflect.deleteProperty(this.prepaidLevels, level);
    Object.assign(this.prepaidLevels, next.prepaidLevels);
    this.index();
    this.replaced++;
  }

  private index(): void {
    this.byId.clear();
    this.served.clear();
    for (const c of this.categories) for (const p of c.products) this.byId.set(p.id, p);
  }

  product(id: string): Product | undefined {
    return this.byId.get(id);
  }

  /** The id of the category a product is listed in. */
  categoryOf(productId: string): string | undefined {
    return this.categories.find((c) => c.products.some((p) => p.id === productId))?.id;
  }

  /** A product's name for people; its id when an old transaction names one the catalog dropped. */
  productName(id: string, locale: string): string {
    const p = this.byId.get(id);
    return p ? localName(p.names, locale) : id;
  }

  /** What a transaction bought: a prepaid product by the name its price list gave when quoted. */
  purchaseName(tx: { productId: string; bill: Bill }, locale: string): string {
    return tx.bill.prepaid?.name ?? this.productName(tx.productId, locale);
  }

  /** Enabled products the given provider can serve, grouped by category (empty categories dropped). */
  forProvider(provider: ProviderName): readonly Category[] {
    let served = this.served.get(provider);
    if (!served) {
      served = this.categories.map((c) => ({ ...c, products: c.products.filter((p) => p.enabled && p.codes[provider]) })).filter((c) => c.products.length > 0);
      this.served.set(provider, served);
    }
    return served;
  }
}

/** Parses catalog JSON; a broken catalog gives a message naming the entry and the field. */
export function parseCatalog(json: unknown): CatalogResult {
  const parsed = CatalogSchema.safeParse(json);
  if (parsed.success)
    return { ok: true, catalog: new Catalog(parsed.data.categories, parsed.data.prepaid?.markup, parsed.data.prepaid?.tokopedia, parsed.data.prepaid?.levels) };
  const lines = parsed.error.issues.map((issue) => `  - ${describePath(json, issue.path)}: ${issue.message}`);
  return { ok: false, message: `Catalog problem:\n${lines.join("\n")}` };
}

export function loadCatalog(path: string): CatalogResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { ok: false, message: `Catalog problem: cannot read ${path}` };
  }
  try {
    return parseCatalog(JSON.parse(text));
  } catch (err) {
    return { ok: false, message: `Catalog problem: ${path} is not valid JSON (${(err as Error).message})` };
  }
}

/** "categories[0].products[2] (pln-pascabayar).markup" — names an entry by its id (or prepaid code) where it has one. */
function describePath(root: unknown, path: PropertyKey[]): string {
  let node: unknown = root;
  let out = "";
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const name =
      typeof key === "number" && node && typeof node === "object"
        ? ((node as { id?: unknown; code?: unknown }).id ?? (node as { code?: unknown }).code)
        : undefined;
    if (typeof name === "string") out += ` (${name})`;
  }
  return out || "(top level)";
}

/** What the user pays: the provider's cost plus the operator's markup, in whole rupiah. */
export function userPrice(product: Product, cost: number): number {
  const m = product.markup;
  return cost + ("flat" in m ? m.flat : Math.round((cost * m.percent) / 100));
}

export type InputCheck = { ok: true; value: string } | { ok: false };

/**
 * Normalises and checks what the user typed against a pattern: spaces, dots and dashes are
 * ignored and letters (plate numbers) are upper-cased, as billers expect them.
 */
export function checkInput(pattern: string, text: string): InputCheck {
  const value = text.replace(/[\s.-]/g, "").toUpperCase();
  return new RegExp(`^(?:${pattern})$`).test(value) ? { ok: true, value } : { ok: false };
}

/**
 * A product's customer number as the biller takes it: checked like any input, and a phone number
 * in its 08… form however it was typed ("+62 812-3455-4320" is 081234554320, not another customer).
 */
export function checkCustomerNo(input: Product["input"], text: string): InputCheck {
  const checked = checkInput(input.pattern, text);
  const phone = checked.ok && input.phone ? normalizePhone(checked.value) : undefined;
  return phone ? { ok: true, value: `0${phone.slice(2)}` } : checked;
}
