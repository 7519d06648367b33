import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../../src/services/errors.ts";
import {
  createToken,
  hashSecret,
  hasScope,
  listTokens,
  revokeToken,
  verifyToken,
} from "../../../src/services/tokens/index.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("tokens", () => {
  it("verifies a fresh secret to its actor and scopes, and stores only the hash", async () => {
    const { ctx, handle } = createTestStore();
    const created = await createToken({
      ctx,
      input: { name: "ci", scopes: ["software:write", "publishers:write"] },
    });
    expect(created.secret).toMatch(/^pcat_[A-Za-z0-9_-]{43}$/);
    expect(await verifyToken({ ctx, input: { secret: created.secret } })).toEqual({
      actor: `token:${created.id}`,
      tokenId: created.id,
      scopes: ["software:write", "publishers:write"],
    });
    const stored = handle.sqlite.prepare("SELECT hash FROM token").pluck().all();
    expect(stored).toEqual([hashSecret(created.secret)]);
    expect(JSON.stringify(await listTokens({ ctx, input: undefined }))).not.toContain(created.secret);
  });

  it("returns null for an unknown, revoked or expired secret", async () => {
    const { ctx, clock } = createTestStore();
    expect(await verifyToken({ ctx, input: { secret: "pcat_unknown" } })).toBeNull();
    const revoked = await createToken({ ctx, input: { name: "old", scopes: ["admin"] } });
    await revokeToken({ ctx, input: { id: revoked.id } });
    expect(await verifyToken({ ctx, input: { secret: revoked.secret } })).toBeNull();
    const expiring = await createToken({
      ctx,
      input: { name: "short", scopes: ["admin"], expiresAt: new Date(clock.now().getTime() + 1000) },
    });
    expect(await verifyToken({ ctx, input: { secret: expiring.secret } })).not.toBeNull();
    clock.advance(1000);
    expect(await verifyToken({ ctx, input: { secret: expiring.secret } })).toBeNull();
  });

  it("throws NotFoundError when revoking an unknown id", async () => {
    const { ctx } = createTestStore();
    await expect(revokeToken({ ctx, input: { id: "nope" } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects unknown scopes", async () => {
    const { ctx } = createTestStore();
    await expect(createToken({ ctx, input: { name: "x", scopes: ["root" as never] } })).rejects.toThrow();
  });

  it("lets admin stand for every scope", () => {
    expect(hasScope(["admin"], "forges:write")).toBe(true);
    expect(hasScope(["software:write"], "forges:write")).toBe(false);
  });
});
