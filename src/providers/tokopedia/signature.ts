import { constants, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

/**
 * Tokopedia's RSA-SHA256 PSS signatures, base64 in a `signature` header, over the exact bytes.
 * Parameters as Tokopedia's official SDK uses them (tokopedia/python-sat, py_sat/signature/pss.py):
 * MGF1-SHA256 and a salt as long as the key allows (`key bytes - 32 - 2`, 222 for 2048 bits), which
 * is also what `openssl dgst -sha256 -sigopt rsa_padding_mode:pss` makes. A verifier built like the
 * SDK's checks that exact salt length, so a shorter salt would be refused.
 */

export function signTokopedia(body: string, privateKey: KeyObject): string {
  return sign("sha256", Buffer.from(body, "utf8"), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN,
  }).toString("base64");
}

/**
 * Tokopedia's own signature on a status answer or a callback. Any salt length is accepted: the
 * SDK signs with the maximum, but nothing documents that Tokopedia's servers do, and the salt
 * length adds nothing to what a valid signature proves.
 */
export function verifyTokopediaSignature(rawBody: string | Buffer, signatureHeader: string | null | undefined, publicKey: string | KeyObject): boolean {
  if (!signatureHeader) return false;
  const signature = Buffer.from(signatureHeader.trim(), "base64");
  if (signature.length === 0) return false;
  try {
    const data = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
    const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
    return verify("sha256", data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
  } catch {
    return false;
  }
}
