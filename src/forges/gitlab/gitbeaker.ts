// gitbeaker resources wired to our transport. gitbeaker builds the endpoints and query strings (and follows its
// own conventions for ids and paths); the transport decides how requests are sent, waited for and retried.
// Resources are built per call so each call's AbortSignal reaches the transport (gitbeaker would otherwise send
// an extra option as a query parameter).
import { Groups, Projects, RepositoryFiles, Users } from "@gitbeaker/rest";
import type { ForgeEndpoint } from "../types.ts";
import type { GitlabTransport } from "./transport.ts";

type ResourceOptions = NonNullable<ConstructorParameters<typeof Groups>[0]>;
type RequesterFn = NonNullable<ResourceOptions["requesterFn"]>;
type Requester = ReturnType<RequesterFn>;

export interface GitlabApi {
  groups: InstanceType<typeof Groups>;
  projects: InstanceType<typeof Projects>;
  users: InstanceType<typeof Users>;
  files: InstanceType<typeof RepositoryFiles>;
}

export function createGitlabApi(
  endpoint: ForgeEndpoint,
  transport: GitlabTransport,
  signal?: AbortSignal,
): GitlabApi {
  const requesterFn: RequesterFn = () => {
    const get: Requester["get"] = async (path, options) => {
      const res = await transport.request("GET", path, toQuery(options?.searchParams), signal);
      // gitbeaker reads headers (Link, X-Next-Page) from a plain lower-cased record.
      const headers = Object.fromEntries(res.headers.entries());
      return { body: res.body as never, headers, status: res.status };
    };
    const readOnly = () => Promise.reject(new Error("the GitLab crawler client only reads"));
    return { get, post: readOnly, put: readOnly, patch: readOnly, delete: readOnly };
  };
  const options = { host: endpoint.webUrl, requesterFn };
  return {
    groups: new Groups(options),
    projects: new Projects(options),
    users: new Users(options),
    files: new RepositoryFiles(options),
  };
}

/** gitbeaker hands over camelCase option names; GitLab wants snake_case query parameters. */
function toQuery(params: Record<string, unknown> | undefined): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    const name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (Array.isArray(value)) for (const item of value) query.append(`${name}[]`, String(item));
    else query.set(name, String(value));
  }
  return query;
}
