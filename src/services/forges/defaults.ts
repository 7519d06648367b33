// API endpoints a forge has unless told otherwise.
// GitHub.com: https://api.github.com (GraphQL at /graphql). GitHub Enterprise Server: <web>/api/v3 and
// <web>/api/graphql (https://docs.github.com/en/enterprise-server@latest/rest/quickstart). GitLab: <web>/api/v4.
import type { ForgeKind } from "../../db/schema/forge.ts";

export interface ForgeEndpoints {
  apiUrl: string;
  graphqlUrl: string | null;
}

export function defaultEndpoints(kind: ForgeKind, webUrl: string): ForgeEndpoints {
  if (kind === "gitlab") return { apiUrl: `${webUrl}/api/v4`, graphqlUrl: null };
  if (new URL(webUrl).host === "github.com") {
    return { apiUrl: "https://api.github.com", graphqlUrl: "https://api.github.com/graphql" };
  }
  return { apiUrl: `${webUrl}/api/v3`, graphqlUrl: `${webUrl}/api/graphql` };
}
