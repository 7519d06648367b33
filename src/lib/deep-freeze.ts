// Freezes a value and everything reachable from it, for objects shared between callers (cached search results
// and their wire views): a caller altering one throws instead of changing what the next one sees. Dates are
// frozen as objects but keep their internal time slot writable (setTime still works): share them read-only.

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
