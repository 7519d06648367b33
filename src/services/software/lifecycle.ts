// The software lifecycle, as pure decisions the verbs apply.
//
//   active           serving a valid document (hasPendingInvalid: a newer invalid version was fetched since)
//   invalid-pending  only invalid versions were ever seen: nothing to serve yet
//   suspended        an admin suspended it                       ┐ sticky: the harvester records versions
//   withdrawn        deleted through the API (a tombstone)       ┘ but never changes these states
//   gone | file-removed | archived | left-publisher   set by the harvester from repository facts; a new
//                    fetch of the file brings the software back (archived stays until a new blob appears)
//
// An invalid version never replaces the served valid document.
import type { SoftwareState } from "../../db/schema/index.ts";

export const stickyStates: ReadonlySet<SoftwareState> = new Set(["suspended", "withdrawn"]);

/** States a re-fetch of the very same blob brings back from: the repository or file came back. */
export const reappearingStates: ReadonlySet<SoftwareState> = new Set([
  "gone",
  "file-removed",
  "left-publisher",
]);

export interface StateAfterVersion {
  state: SoftwareState;
  hasPendingInvalid: boolean;
  /** Whether the new version becomes the served one. */
  serve: boolean;
}

export function stateAfterVersion(
  current: { state: SoftwareState; serving: boolean } | null,
  valid: boolean,
): StateAfterVersion {
  const keep = current && stickyStates.has(current.state) ? current.state : null;
  if (valid) return { state: keep ?? "active", hasPendingInvalid: false, serve: true };
  if (current?.serving) return { state: keep ?? "active", hasPendingInvalid: true, serve: false };
  return { state: keep ?? "invalid-pending", hasPendingInvalid: false, serve: false };
}

/** The state to return to when an admin lifts a suspension or the harvester sees a repository again. */
export function resumedState(serving: boolean): SoftwareState {
  return serving ? "active" : "invalid-pending";
}
