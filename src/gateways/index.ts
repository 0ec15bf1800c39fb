import type { Config } from "../config.js";
import type { DepositMethod, Gateway } from "./gateway.js";
import { MidtransGateway } from "./midtrans/index.js";
import { SandboxGateway } from "./sandbox/index.js";
import { TripayGateway } from "./tripay/index.js";

export type GatewayResult = { ok: true; gateway: Gateway | undefined; methods: DepositMethod[] } | { ok: false; message: string };

/** The configured deposit gateway (undefined: manual deposits only) and the methods it offers. */
export function createGateway(config: Config, now: () => number): GatewayResult {
  const name = config.gateway.name;
  const notifyUrl = config.gateway.publicUrl && `${config.gateway.publicUrl}/callbacks/deposit/${name}`;
  const gateway: Gateway | undefined =
    name === "sandbox"
      ? new SandboxGateway(now)
      : name === "midtrans"
        ? new MidtransGateway({ ...config.midtrans, ...(notifyUrl && { notifyUrl }) })
        : name === "tripay"
          ? new TripayGateway({ ...config.tripay, ...(notifyUrl && { notifyUrl }) })
          : undefined;
  if (!gateway) return { ok: true, gateway: undefined, methods: [] };
  const unknown = config.gateway.methods.filter((m) => !gateway.methods.includes(m));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `Configuration problem:\n  - DEPOSIT_METHODS: ${name} cannot charge ${unknown.join(", ")} (it offers ${gateway.methods.join(", ")})`,
    };
  }
  return { ok: true, gateway, methods: config.gateway.methods };
}
