// GitHub's published GraphQL schema (from @octokit/graphql-schema), built once per process, and query
// validation that answers the way GitHub does: HTTP 200 with `errors[]` carrying GitHub's `extensions.code`
// (undefinedField, argumentNotAccepted, missingRequiredArguments…), so a query that GitHub would reject fails here.
// @see https://docs.github.com/en/graphql/overview/resource-limitations
import { readFileSync } from "node:fs";
import {
  buildSchema,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
} from "graphql";

let built: GraphQLSchema | undefined;

/** The schema, built lazily: building 1.2 MB of SDL takes a moment and most test files need it once. */
export function loadGithubSchema(): GraphQLSchema {
  // Read the SDL file beside the package entry: importing the package itself also parses its 5 MB schema.json.
  built ??= buildSchema(
    readFileSync(new URL("schema.graphql", import.meta.resolve("@octokit/graphql-schema")), "utf8"),
    {
      assumeValidSDL: true,
    },
  );
  return built;
}

export interface GithubGraphqlError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  type?: string;
  extensions?: Record<string, unknown>;
}

export type ParsedQuery = { ok: true; document: DocumentNode } | { ok: false; errors: GithubGraphqlError[] };

/** Parses and validates a query against GitHub's schema; GitHub-shaped errors when it would be rejected. */
export function parseAndValidate(query: string): ParsedQuery {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const e = error as GraphQLError;
    return {
      ok: false,
      errors: [{ message: `Parse error: ${e.message}`, locations: e.locations ? [...e.locations] : [] }],
    };
  }
  const errors = validate(loadGithubSchema(), document);
  if (errors.length > 0) return { ok: false, errors: errors.map(toGithubError) };
  return { ok: true, document };
}

// graphql-js words its validation messages differently from GitHub (graphql-ruby); translate the common ones so
// tests read GitHub's codes and clients that look at `extensions.code` behave as they would in production.
const translations: {
  pattern: RegExp;
  code: string;
  message: (m: RegExpMatchArray) => string;
  extra?: (m: RegExpMatchArray) => Record<string, unknown>;
}[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"/,
    code: "undefinedField",
    message: (m) => `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
    extra: (m) => ({ typeName: m[2], fieldName: m[1] }),
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/,
    code: "argumentNotAccepted",
    message: (m) => `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
    extra: (m) => ({ name: m[3], typeName: "Field", argumentName: m[1] }),
  },
  {
    pattern: /^Field "(\w+)" argument "(\w+)" of type "(.+)" is required/,
    code: "missingRequiredArguments",
    message: (m) => `Field '${m[1]}' is missing required arguments: ${m[2]}`,
    extra: (m) => ({ className: "Field", name: m[1], arguments: m[2] }),
  },
  {
    pattern: /^Variable "\$(\w+)" is never used/,
    code: "variableNotUsed",
    message: (m) => `Variable $${m[1]} is declared by anonymous query but not used`,
    extra: (m) => ({ variableName: m[1] }),
  },
  {
    pattern: /^Unknown type "(\w+)"/,
    code: "undefinedType",
    message: (m) => `No such type ${m[1]}, so it can't be a fragment condition`,
    extra: (m) => ({ typeName: m[1] }),
  },
];

function toGithubError(error: GraphQLError): GithubGraphqlError {
  const locations = error.locations ? [...error.locations] : [];
  for (const t of translations) {
    const m = error.message.match(t.pattern);
    if (m) return { message: t.message(m), locations, extensions: { code: t.code, ...t.extra?.(m) } };
  }
  return { message: error.message, locations, extensions: { code: "invalidQuery" } };
}
