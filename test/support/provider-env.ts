import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DigiflazzStub } from "../stubs/digiflazz-server.js";
import type { IakStub } from "../stubs/iak-server.js";
import { startTokopediaStub, testKeyPair, type TokopediaStub, type TokopediaStubOptions } from "../stubs/tokopedia-server.js";

/** The bot's environment for a Digiflazz stand-in, as an operator would set it. */
export const digiflazzEnv = (stub: DigiflazzStub): Record<string, string> => ({
  PROVIDER: "digiflazz",
  DIGIFLAZZ_USERNAME: stub.username,
  DIGIFLAZZ_API_KEY: stub.apiKey,
  DIGIFLAZZ_BASE_URL: stub.url,
  DIGIFLAZZ_TESTING: "true",
});

/** The IAK account the bot is configured with; start the IAK stand-in with it too. */
export const IAK_ACCOUNT = { username: "081234567890", apiKey: "iak-dev-key" };

export const iakEnv = (stub: IakStub): Record<string, string> => ({
  PROVIDER: "iak",
  IAK_USERNAME: IAK_ACCOUNT.username,
  IAK_API_KEY: IAK_ACCOUNT.apiKey,
  IAK_BASE_URL: stub.url,
});

export interface TokopediaKeys {
  /** Ours: the bot signs checkouts with its private half. */
  partner: ReturnType<typeof testKeyPair>;
  /** Tokopedia's: the stand-in signs callbacks with its private half. */
  tokopedia: ReturnType<typeof testKeyPair>;
}

export const tokopediaKeys = (): TokopediaKeys => ({ partner: testKeyPair(), tokopedia: testKeyPair() });

const CLIENT = { clientId: "partner-id", clientSecret: "partner-secret" };

/** A Tokopedia stand-in that knows our client and public key and signs with its own. */
export const startTokopedia = (keys: TokopediaKeys, opts: Partial<TokopediaStubOptions> = {}): Promise<TokopediaStub> =>
  startTokopediaStub({ partnerPublicKey: keys.partner.publicKey, tokopediaPrivateKey: keys.tokopedia.privateKey, ...CLIENT, ...opts });

/**
 * The bot's environment for that stand-in; writes the key files into `dir`. Without Tokopedia's
 * public key (`verifyCallbacks: false`) the bot cannot check a callback's signature.
 */
export function tokopediaEnv(stub: TokopediaStub, keys: TokopediaKeys, dir: string, { verifyCallbacks = true } = {}): Record<string, string> {
  writeFileSync(join(dir, "partner.pem"), keys.partner.privateKey);
  writeFileSync(join(dir, "tokopedia.pem"), keys.tokopedia.publicKey);
  return {
    PROVIDER: "tokopedia",
    TOKOPEDIA_CLIENT_ID: CLIENT.clientId,
    TOKOPEDIA_CLIENT_SECRET: CLIENT.clientSecret,
    TOKOPEDIA_PRIVATE_KEY_PATH: join(dir, "partner.pem"),
    TOKOPEDIA_PUBLIC_KEY_PATH: verifyCallbacks ? join(dir, "tokopedia.pem") : "",
    TOKOPEDIA_BASE_URL: stub.url,
    TOKOPEDIA_TOKEN_URL: stub.tokenUrl,
  };
}
