import { describe, expect, it } from "vitest";
import { plnTokenFromLines, plnTokenFromSn, plnTokenIn } from "../../src/providers/pln-token.js";

describe("PLN token sn", () => {
  it("Digiflazz: token/name/tariff/power/kWh (providers.md)", () => {
    expect(plnTokenFromSn("1234-5678-9012-3456-7890/NAMA/R1/900/32,5")).toEqual({
      token: "12345678901234567890",
      name: "NAMA",
      tariff: "R1",
      power: 900,
      kwh: "32,5",
    });
  });

  it("IAK: padded power and a space after the tariff (sn-format.md)", () => {
    expect(plnTokenFromSn("0123-4567-8901-2345-6789/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2")).toEqual({
      token: "01234567890123456789",
      name: "PT INDOBEST ARTHA KREASI",
      tariff: "R1",
      power: 1300,
      kwh: "66.2",
    });
  });

  it("a token alone, and an sn that is no token", () => {
    expect(plnTokenFromSn("1378 7553 5576 5816 1258")).toEqual({ token: "13787553557658161258" });
    expect(plnTokenFromSn("TLKM0305956071")).toBeUndefined();
    expect(plnTokenFromSn("1234-5678-9012-3456-789/NAMA")).toBeUndefined();
    expect(plnTokenFromSn("")).toBeUndefined();
  });

  it("Tokopedia fulfillment lines", () => {
    const lines = [
      { key: "Nama", value: "TOKOPEDIA USER" },
      { key: "Tarif/Daya", value: "B1/000007000VA" },
      { key: "kWh", value: "88" },
      { key: "Token", value: "1378 7553 5576 5816 1258" },
    ];
    expect(plnTokenFromLines(lines)).toEqual({ token: "13787553557658161258", name: "TOKOPEDIA USER", tariff: "B1", power: 7000, kwh: "88" });
    expect(plnTokenFromLines([{ key: "Nama", value: "X" }])).toBeUndefined();
  });
});

describe("a token in an admin's note (/selesaikan <ref> sukses <token>)", () => {
  it("20 digits, grouped by dashes or spaces or not at all, among other words", () => {
    expect(plnTokenIn("token dari CS 5555-6666-7777-8888-9999 jam 10")).toEqual({ token: "55556666777788889999" });
    expect(plnTokenIn("5555 6666 7777 8888 9999")).toEqual({ token: "55556666777788889999" });
    expect(plnTokenIn("55556666777788889999")).toEqual({ token: "55556666777788889999" });
  });

  it("no token: fewer or more digits, or none", () => {
    expect(plnTokenIn("sudah dicek ke biller")).toBeUndefined();
    expect(plnTokenIn("5555-6666-7777-8888-999")).toBeUndefined();
    expect(plnTokenIn("555566667777888899991")).toBeUndefined();
  });
});
