import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import type { Provider } from "../../src/providers/provider.js";

/** The sandbox, with inquiries that wait until the test opens the gate: a biller slow for as long as the test likes. */
export function gatedProvider(): { provider: Provider; open(): void; inquiries(): number } {
  const sandbox = createSandboxProvider();
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let inquiries = 0;
  return {
    provider: {
      ...sandbox,
      name: sandbox.name,
      inquiry: async (req) => {
        inquiries++;
        await gate;
        return sandbox.inquiry(req);
      },
    },
    open,
    inquiries: () => inquiries,
  };
}
