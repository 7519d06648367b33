// The fake GitHub: REST and GraphQL over real HTTP on 127.0.0.1, serving one world in both layouts at once —
// github.com (REST at the root, GraphQL at /graphql) and Enterprise Server (/api/v3, /api/graphql, web URLs
// on the same origin) — with per-token rate-limit budgets and headers, 401s for bad tokens, and every GraphQL
// query validated against GitHub's published schema before it runs.
import {
  type FakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  type FaultOptions,
  startFakeHttpServer,
} from "../http.ts";
import { graphqlRateLimited, primaryRateLimit, rateHeaders } from "./faults.ts";
import { executeGithubQuery } from "./graphql.ts";
import { handleRest } from "./rest.ts";
import { parseAndValidate } from "./schema.ts";
import type { GithubWorld } from "./world.ts";

export interface FakeTokenOptions {
  /** Budget per hour for each resource (GitHub: 5,000). */
  limit?: number;
  /** Budget left in the current window (defaults to `limit`). */
  remaining?: number;
}

export interface FakeGithubOptions {
  world: GithubWorld;
  /** Accepted tokens. When none are given any token is accepted; GraphQL always needs one, as on GitHub. */
  tokens?: Record<string, FakeTokenOptions>;
  /** The fake's notion of time for rate-limit windows; share the client's test clock. */
  now?: () => Date;
  textLimitBytes?: number;
  /** Short pages: at most this many repositories per GraphQL page, whatever the client asks. */
  pageSizeCap?: number;
  faults?: FaultOptions;
}

export interface FakeGithub extends FakeHttpServer {
  world: GithubWorld;
  /** github.com layout: REST base and GraphQL URL. */
  apiUrl: string;
  graphqlUrl: string;
  /** Enterprise Server layout: the web URL (REST at /api/v3, GraphQL at /api/graphql). */
  enterpriseWebUrl: string;
  /** Requests per token (anonymous under ""), faults excluded. */
  tokenCounts: Record<string, number>;
  /** Every GraphQL query text received, in order. */
  queries: string[];
}

interface Budget {
  limit: number;
  remaining: number;
  resetAt: Date;
}

export function classifyGithubRequest(method: string, url: URL): string {
  const path = url.pathname.replace(/^\/api\/v3(?=\/)/, "");
  if (method === "POST" && (path === "/graphql" || path === "/api/graphql")) return "graphql";
  if (/^\/repos\/[^/]+\/[^/]+\/git\/blobs\//.test(path)) return "rest:blob";
  if (/^\/repos\/[^/]+\/[^/]+\/contents\//.test(path)) return "rest:contents";
  if (/^\/(repos\/[^/]+\/[^/]+|repositories\/\d+)$/.test(path)) return "rest:repo";
  if (/^\/(orgs|users)\/[^/]+\/repos$/.test(path)) return "rest:list";
  return "rest:other";
}

export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const now = options.now ?? (() => new Date());
  const budgets = new Map<string, Budget>();
  const tokenCounts: Record<string, number> = {};
  const queries: string[] = [];
  let origin = "";

  const budgetFor = (token: string, resource: string): Budget => {
    const key = `${token}#${resource}`;
    let budget = budgets.get(key);
    const t = now();
    if (!budget || budget.resetAt <= t) {
      const configured = options.tokens?.[token];
      const limit = token === "" ? 60 : (configured?.limit ?? 5000);
      const remaining = budget ? limit : (configured?.remaining ?? limit);
      budget = { limit, remaining, resetAt: new Date(t.getTime() + 3_600_000) };
      budgets.set(key, budget);
    }
    return budget;
  };

  const handler = async (req: FakeRequest): Promise<FakeResponse> => {
    const auth = String(req.headers.authorization ?? "");
    const token = auth.replace(/^(token|bearer)\s+/i, "");
    if (token && options.tokens && !(token in options.tokens)) {
      return {
        status: 401,
        body: {
          message: "Bad credentials",
          documentation_url: "https://docs.github.com/rest",
          status: "401",
        },
      };
    }
    tokenCounts[token] = (tokenCounts[token] ?? 0) + 1;
    const enterprise = req.url.pathname.startsWith("/api/");
    const base = {
      web: enterprise ? origin : "https://github.com",
      api: enterprise ? `${origin}/api/v3` : origin,
    };
    if (req.kind === "graphql") {
      if (!token) {
        return {
          status: 401,
          body: {
            message: "This endpoint requires you to be authenticated.",
            documentation_url:
              "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql",
          },
        };
      }
      return graphql(req, token, base.web);
    }
    const budget = budgetFor(token, "core");
    if (budget.remaining <= 0) return primaryRateLimit(budget.resetAt);
    const res = handleRest(options.world, req, req.url.pathname.replace(/^\/api\/v3(?=\/)/, ""), base);
    // GitHub does not bill a 304 against the primary rate limit.
    if (res.status !== 304) budget.remaining--;
    res.headers = { ...res.headers, ...rateHeaders({ ...budget, resource: "core" }) };
    return res;
  };

  const graphql = async (req: FakeRequest, token: string, webUrl: string): Promise<FakeResponse> => {
    let payload: { query?: unknown; variables?: Record<string, unknown> };
    try {
      payload = JSON.parse(req.body.toString("utf8"));
    } catch {
      return {
        status: 400,
        body: { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/graphql" },
      };
    }
    if (typeof payload.query !== "string") {
      return {
        status: 200,
        body: { errors: [{ message: "A query attribute must be specified and must be a string." }] },
      };
    }
    queries.push(payload.query);
    const budget = budgetFor(token, "graphql");
    if (budget.remaining <= 0) return graphqlRateLimited(budget.resetAt);
    budget.remaining--;
    const headers = rateHeaders({ ...budget, resource: "graphql" });
    const parsed = parseAndValidate(payload.query);
    if (!parsed.ok) return { status: 200, headers, body: { errors: parsed.errors } };
    const rateLimit = () => ({
      cost: 1,
      limit: budget.limit,
      remaining: budget.remaining,
      used: budget.limit - budget.remaining,
      resetAt: budget.resetAt.toISOString(),
      nodeCount: 100,
    });
    const body = await executeGithubQuery(options.world, parsed.document, payload.variables, {
      webUrl,
      textLimitBytes: options.textLimitBytes ?? 512 * 1024,
      ...(options.pageSizeCap ? { pageSizeCap: options.pageSizeCap } : {}),
      rateLimit,
    });
    return { status: 200, headers, body };
  };

  const server = await startFakeHttpServer(handler, {
    classify: classifyGithubRequest,
    faults: options.faults ?? {},
  });
  origin = server.url;
  return Object.assign(server, {
    world: options.world,
    apiUrl: server.url,
    graphqlUrl: `${server.url}/graphql`,
    enterpriseWebUrl: server.url,
    tokenCounts,
    queries,
  });
}
