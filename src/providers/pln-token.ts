import type { BillDetail, PlnToken } from "../billing/bill.js";

/** A token is 20 digits; providers group them with dashes or spaces. */
function tokenDigits(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, "");
  return /^\d{20}$/.test(digits) ? digits : undefined;
}

/** "000001300", "1300VA", "900" -> 1300 / 900; anything else is left out. */
function powerVa(text: string | undefined): number | undefined {
  const m = /^0*(\d{1,7})\s*(?:VA)?$/i.exec(text?.trim() ?? "");
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

const present = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;

/**
 * A PLN token `sn` as Digiflazz and IAK write it: token/name/tariff/power/kWh, e.g.
 * `1234-5678-9012-3456-7890/NAMA/R1/900/32,5` (Digiflazz) or
 * `0123-4567-8901-2345-6789/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2` (IAK). Undefined when the
 * first part is not a token: the sn is then shown as it came.
 */
export function plnTokenFromSn(sn: string): PlnToken | undefined {
  const [first = "", name, tariff, power, kwh] = sn.split("/").map((p) => p.trim());
  const token = tokenDigits(first);
  if (!token) return undefined;
  return present({ token, name, tariff, power: powerVa(power), kwh });
}

/** A PLN token from Tokopedia's `fulfillment_result` lines (Token, Nama, Tarif/Daya, kWh). */
export function plnTokenFromLines(lines: BillDetail[]): PlnToken | undefined {
  const line = (key: string) => lines.find((l) => l.key.trim().toLowerCase() === key)?.value.trim();
  const token = tokenDigits(line("token") ?? "");
  if (!token) return undefined;
  // "B1/000007000VA": tariff and power in one line.
  const [tariff, power] = (line("tarif/daya") ?? "").split("/").map((p) => p.trim());
  return present({ token, name: line("nama"), tariff, power: powerVa(power), kwh: line("kwh") });
}

/** A token written among other words ("token 1234-5678-9012-3456-7890", an admin's note): its 20 digits, grouped or not. */
export function plnTokenIn(text: string): PlnToken | undefined {
  const m = /(?<!\d)\d(?:[\s-]?\d){19}(?!\d)/.exec(text);
  return m ? { token: m[0].replace(/[\s-]/g, "") } : undefined;
}
