// A ForgeClient for a registered forge. Tokens come from the environment variable the forge row names
// (several tokens comma-separated, pooled by the client); the caller passes the parsed environment in, so
// nothing here reads process.env.
import type { Clock } from "../lib/clock.ts";
import { createGithubClient, resolveGithubEndpoint } from "./github/index.ts";
import { createGitlabClient, resolveGitlabEndpoint } from "./gitlab/index.ts";
import type { HostBudget } from "./host-budget.ts";
import type { ForgeClient, ForgeKind } from "./types.ts";

export interface RegisteredForge {
  kind: ForgeKind;
  webUrl: string;
  apiUrl: string;
  /** Name of the environment variable holding the token(s); null for anonymous access. */
  tokenEnv: string | null;
}

export interface CreateForgeClientDeps {
  budget: HostBudget;
  /** Where token variables are looked up (the CLI passes its environment). */
  secrets: Record<string, string | undefined>;
  fetch?: typeof globalThis.fetch;
  /** Injected time and chance, passed to the client so tests (fake sleep) never wait for real. */
  clock?: Clock;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export function tokensOf(forge: RegisteredForge, secrets: Record<string, string | undefined>): string[] {
  const value = forge.tokenEnv ? secrets[forge.tokenEnv] : undefined;
  return (value ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

export function createForgeClient(forge: RegisteredForge, deps: CreateForgeClientDeps): ForgeClient {
  const tokens = tokensOf(forge, deps.secrets);
  const injected = {
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.random ? { random: deps.random } : {}),
  };
  if (forge.kind === "github") {
    const endpoint = resolveGithubEndpoint(forge.webUrl, forge.apiUrl, tokens);
    return createGithubClient({ endpoint, budget: deps.budget, ...injected });
  }
  const endpoint = resolveGitlabEndpoint(forge.webUrl, forge.apiUrl, tokens);
  return createGitlabClient({ endpoint, budget: deps.budget, ...injected });
}
