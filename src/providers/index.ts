import type { Config } from "../config.js";
import type { Provider } from "./provider.js";
import { createSandboxProvider } from "./sandbox.js";

/** The provider named by PROVIDER, built from its configuration. */
export function createProvider(config: Config): Provider {
  switch (config.provider) {
    case "sandbox":
      return createSandboxProvider();
    default:
      throw new Error(`provider ${config.provider} is not available yet`);
  }
}
