// Executes validated GraphQL queries over the fake world with graphql-js `execute`: any query the published
// schema accepts is answered from the world (graphql-objects.ts); lookups that miss answer GitHub's NOT_FOUND.
import { type DocumentNode, execute, GraphQLError } from "graphql";
import { type Args, type GraphqlWorldOptions, ownerObject, repositoryObject } from "./graphql-objects.ts";
import { loadGithubSchema } from "./schema.ts";
import type { GithubWorld } from "./world.ts";

export type { GraphqlWorldOptions } from "./graphql-objects.ts";
export { encodeCursor } from "./graphql-objects.ts";

export async function executeGithubQuery(
  world: GithubWorld,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  options: GraphqlWorldOptions & { rateLimit: () => unknown },
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const root = {
    rateLimit: options.rateLimit,
    repositoryOwner: ({ login }: Args) => ownerObject(world, options, String(login)),
    organization: ({ login }: Args) => {
      const owner = ownerObject(world, options, String(login));
      if (owner?.__typename !== "Organization")
        throw notFound(`Could not resolve to an Organization with the login of '${login}'.`);
      return owner;
    },
    user: ({ login }: Args) => {
      const owner = ownerObject(world, options, String(login));
      if (owner?.__typename !== "User")
        throw notFound(`Could not resolve to a User with the login of '${login}'.`);
      return owner;
    },
    repository: ({ owner, name }: Args) => {
      const repo = world.findRepository(`${owner}/${name}`);
      if (!repo) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return repositoryObject(world, options, repo);
    },
    node: ({ id }: Args) => {
      const repo = world.repositories.get(String(id));
      if (!repo) throw notFound(`Could not resolve to a node with the global id of '${id}'`);
      return repositoryObject(world, options, repo);
    },
  };
  const result = await execute({
    schema: loadGithubSchema(),
    document,
    rootValue: root,
    variableValues: variables ?? {},
  });
  const out: { data?: unknown; errors?: unknown[] } = { data: result.data ?? null };
  if (result.errors?.length) {
    // GitHub puts its error class in `type` (NOT_FOUND, EXCESSIVE_PAGINATION…), beside path and locations.
    out.errors = result.errors.map((e) => ({
      type: e.extensions?.type ?? "INTERNAL",
      path: e.path,
      locations: e.locations,
      message: e.message,
    }));
  }
  return out;
}

function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: "NOT_FOUND" } });
}
