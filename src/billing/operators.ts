/**
 * Which mobile operator a number belongs to, by its prefix. Pulsa and data menus show only that
 * operator's products. Prefixes: IAK's published prefix list (iak-api-reference-docs,
 * prefix-list.md), plus 0811 (Telkomsel), 0833 (Axis) and 0889 (Smartfren), which that list omits.
 */

export type Operator = "telkomsel" | "indosat" | "xl" | "axis" | "tri" | "smartfren" | "byu";

export type OperatorMatch =
  | { kind: "operator"; operator: Operator /** the number as 08… */; number: string }
  /** Not a mobile number at all (letters, too short or long, not starting 08 / 62 / +62). */
  | { kind: "not-a-number" }
  /** A mobile number whose prefix fits no operator we know. */
  | { kind: "unknown-prefix"; number: string };

/** Longest prefix first: by.U's 08515x sits inside Telkomsel's 0851. */
const PREFIXES: [string, Operator][] = (
  [
    ["085154", "byu"],
    ["085155", "byu"],
    ["085156", "byu"],
    ["085157", "byu"],
    ["085158", "byu"],
    ...["0811", "0812", "0813", "0821", "0822", "0823", "0851", "0852", "0853"].map((p) => [p, "telkomsel"]),
    ...["0814", "0815", "0816", "0855", "0856", "0857", "0858"].map((p) => [p, "indosat"]),
    ...["0817", "0818", "0819", "0859", "0877", "0878"].map((p) => [p, "xl"]),
    ...["0831", "0832", "0833", "0838"].map((p) => [p, "axis"]),
    ...["0895", "0896", "0897", "0898", "0899"].map((p) => [p, "tri"]),
    ...["0881", "0882", "0883", "0884", "0885", "0886", "0887", "0888", "0889"].map((p) => [p, "smartfren"]),
  ] as [string, Operator][]
).sort((a, b) => b[0].length - a[0].length);

/** "0812-3456-7890", "+62 812 3456 7890", "6281234567890" -> "081234567890"; undefined when not a mobile number. */
export function normalizeMobile(input: string): string | undefined {
  const compact = input.replace(/[\s.()-]/g, "");
  const local = compact.replace(/^(?:\+62|62)(?=8)/, "0");
  // Indonesian mobile numbers are 10 to 13 digits in the 08… form.
  return /^08\d{8,11}$/.test(local) ? local : undefined;
}

export function operatorOf(input: string): OperatorMatch {
  const number = normalizeMobile(input);
  if (number === undefined) return { kind: "not-a-number" };
  const hit = PREFIXES.find(([prefix]) => number.startsWith(prefix));
  return hit ? { kind: "operator", operator: hit[1], number } : { kind: "unknown-prefix", number };
}

/** How providers write an operator as a price-list brand: TELKOMSEL, "by.U", THREE, IM3... */
const BRANDS: [RegExp, Operator][] = (
  [
    ["BY\\.?U", "byu"],
    ["TELKOMSEL|TSEL|SIMPATI|KARTU AS|LOOP", "telkomsel"],
    ["INDOSAT|ISAT|IM3|MENTARI|OOREDOO", "indosat"],
    ["XL|XL AXIATA", "xl"],
    ["AXIS", "axis"],
    ["TRI|THREE|3", "tri"],
    ["SMARTFREN", "smartfren"],
  ] as [string, Operator][]
)
  // A whole word at the start: IAK writes "telkomsel_paket_internet", so "_" ends a word too.
  .map(([names, op]) => [new RegExp(`^(?:${names})(?=$|[^A-Z0-9])`), op]);

/** The operator a price-list brand stands for; undefined for any other brand. */
export function operatorOfBrand(brand: string): Operator | undefined {
  const b = brand.trim().toUpperCase();
  return BRANDS.find(([re]) => re.test(b))?.[1];
}
