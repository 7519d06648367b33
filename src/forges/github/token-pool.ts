// The tokens configured for one GitHub host and what this process has learnt of each one's budget. Each request
// goes out under the token with the most remaining budget for its resource; exhausted or paused tokens are
// skipped, and when every token is unusable the caller learns how long to wait. The shared HostBudget (memory or
// Redis) is still consulted per request, so pauses other workers record are honoured too.
// GitHub bills GraphQL and REST ("core") separately, so each is tracked on its own.

export type GithubResource = "graphql" | "core";

interface ResourceState {
  remaining: number | null;
  resetAt: Date | null;
}

export interface TokenSlot {
  index: number | null;
  token: string | null;
  pausedUntil: Date | null;
  resources: Record<GithubResource, ResourceState>;
}

export type TokenChoice = { slot: TokenSlot; waitUntil: Date | null };

export class TokenPool {
  readonly slots: TokenSlot[];

  constructor(tokens: readonly string[]) {
    const make = (token: string | null, index: number | null): TokenSlot => ({
      index,
      token,
      pausedUntil: null,
      resources: { graphql: { remaining: null, resetAt: null }, core: { remaining: null, resetAt: null } },
    });
    this.slots = tokens.length ? tokens.map((t, i) => make(t, i)) : [make(null, null)];
  }

  /**
   * The usable token with the most remaining budget; a token never used yet counts as full, so each token is
   * tried once and learnt. When none is usable, the one that becomes usable first, with the time to wait for.
   */
  pick(resource: GithubResource, now: Date): TokenChoice {
    let best: TokenSlot | null = null;
    let bestRemaining = -1;
    let soonest: TokenChoice | null = null;
    for (const slot of this.slots) {
      const readyAt = this.readyAt(slot, resource, now);
      if (readyAt) {
        if (!soonest || readyAt < soonest.waitUntil!) soonest = { slot, waitUntil: readyAt };
        continue;
      }
      const remaining = slot.resources[resource].remaining ?? Number.POSITIVE_INFINITY;
      if (remaining > bestRemaining) {
        best = slot;
        bestRemaining = remaining;
      }
    }
    if (best) return { slot: best, waitUntil: null };
    return soonest!;
  }

  /** When the slot can next be used for `resource`; null if it can now. */
  private readyAt(slot: TokenSlot, resource: GithubResource, now: Date): Date | null {
    const state = slot.resources[resource];
    const exhaustedUntil =
      state.remaining === 0 && state.resetAt && state.resetAt > now ? state.resetAt : null;
    const pausedUntil = slot.pausedUntil && slot.pausedUntil > now ? slot.pausedUntil : null;
    if (!exhaustedUntil || !pausedUntil) return exhaustedUntil ?? pausedUntil;
    return new Date(Math.max(exhaustedUntil.getTime(), pausedUntil.getTime()));
  }

  record(slot: TokenSlot, resource: GithubResource, remaining: number, resetAt: Date): void {
    slot.resources[resource] = { remaining, resetAt };
  }

  pause(slot: TokenSlot, until: Date): void {
    if (!slot.pausedUntil || slot.pausedUntil < until) slot.pausedUntil = until;
  }
}
