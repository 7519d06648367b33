// The tokens configured for one GitLab instance. GitLab limits each user (token) separately and anonymous callers
// per IP, so each token has its own host-budget key (`host#index`, `host#anonymous` without tokens) and every
// request goes out with the token that has the most budget left, skipping those a 429 has paused.
// What this pool remembers is only what this client saw; the shared HostBudget still has the last word.

export interface TokenSlot {
  /** undefined: anonymous. */
  token: string | undefined;
  /** The HostBudget key of this token. */
  key: string;
  remaining: number | null;
  resetAtMs: number | null;
  pausedUntilMs: number;
}

export interface TokenPool {
  readonly slots: readonly TokenSlot[];
  /** The slot to send the next request with. */
  pick(nowMs: number): TokenSlot;
  /** True when a slot other than `slot` may send right now (a 429 can then be retried at once). */
  hasOtherReady(slot: TokenSlot, nowMs: number): boolean;
}

export function createTokenPool(apiUrl: string, tokens: readonly string[]): TokenPool {
  const host = new URL(apiUrl).host;
  const slots: TokenSlot[] = (tokens.length > 0 ? tokens : [undefined]).map((token, index) => ({
    token,
    key: `${host}#${token === undefined ? "anonymous" : index}`,
    remaining: null,
    resetAtMs: null,
    pausedUntilMs: 0,
  }));
  const isReady = (slot: TokenSlot, nowMs: number) => slot.pausedUntilMs <= nowMs;
  // An unknown or already reset budget counts as plenty: the forge will tell us on the first answer.
  const headroom = (slot: TokenSlot, nowMs: number) =>
    slot.remaining === null || (slot.resetAtMs !== null && slot.resetAtMs <= nowMs)
      ? Number.POSITIVE_INFINITY
      : slot.remaining;

  return {
    slots,
    pick(nowMs) {
      const ready = slots.filter((slot) => isReady(slot, nowMs));
      if (ready.length === 0) {
        // Every token is paused: take the one whose pause ends first; the budget makes the request wait for it.
        return slots.reduce((best, slot) => (slot.pausedUntilMs < best.pausedUntilMs ? slot : best));
      }
      return ready.reduce((best, slot) => (headroom(slot, nowMs) > headroom(best, nowMs) ? slot : best));
    },
    hasOtherReady(slot, nowMs) {
      return slots.some((other) => other !== slot && isReady(other, nowMs));
    },
  };
}
