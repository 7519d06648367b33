// Token secrets: 32 random bytes (256 bits), so a plain SHA-256 is the right storage hash: nothing to brute
// force, and verification is one indexed lookup by hash (no per-token salt to try).
import { createHash, randomBytes } from "node:crypto";

/** Recognisable prefix, so leaked secrets can be found by secret scanners. */
export const secretPrefix = "pcat_";

export function generateSecret(random: (n: number) => Buffer = randomBytes): string {
  return `${secretPrefix}${random(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
