// The GraphQL documents the GitHub client sends, and the shapes it reads back. One listing query returns 100
// repositories per page with their flags, ids and both candidate publiccode files, so an unchanged world costs
// one request per 100 repositories. `HEAD:` resolves to the default branch.
// @see https://docs.github.com/en/graphql/reference/interfaces#repositoryowner

const BLOB_FIELDS = "... on Blob { oid byteSize isBinary isTruncated text }";

export const REPOSITORY_FIELDS = `
fragment RepositoryFields on Repository {
  id
  nameWithOwner
  url
  isFork
  isArchived
  isPrivate
  isDisabled
  isEmpty
  pushedAt
  parent { url }
  defaultBranchRef { name }
  yml: object(expression: "HEAD:publiccode.yml") { ${BLOB_FIELDS} }
  yaml: object(expression: "HEAD:publiccode.yaml") { ${BLOB_FIELDS} }
}`;

// `repositoryOwner` serves organisations and users alike. OWNER affiliation only: repositories merely shared
// with the account are not part of the source. Creation order keeps pages stable while repositories are pushed.
export const LIST_REPOSITORIES_QUERY = `
query ListRepositories($login: String!, $cursor: String) {
  repositoryOwner(login: $login) {
    repositories(first: 100, after: $cursor, ownerAffiliations: [OWNER], orderBy: {field: CREATED_AT, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...RepositoryFields }
    }
  }
}
${REPOSITORY_FIELDS}`;

export const GET_REPOSITORY_QUERY = `
query GetRepository($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { ...RepositoryFields }
}
${REPOSITORY_FIELDS}`;

export const GET_NODE_QUERY = `
query GetRepositoryNode($id: ID!) {
  node(id: $id) { ... on Repository { ...RepositoryFields } }
}
${REPOSITORY_FIELDS}`;

export interface BlobNode {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

export interface RepositoryNode {
  id: string;
  nameWithOwner: string;
  url: string;
  isFork: boolean;
  isArchived: boolean;
  isPrivate: boolean;
  isDisabled: boolean;
  isEmpty: boolean;
  pushedAt: string | null;
  parent: { url: string } | null;
  defaultBranchRef: { name: string } | null;
  /** `object()` on a path that is a tree or missing gives null or an empty object (no Blob fields). */
  yml: Partial<BlobNode> | null;
  yaml: Partial<BlobNode> | null;
}

export interface ListRepositoriesData {
  repositoryOwner: {
    repositories: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: (RepositoryNode | null)[];
    };
  } | null;
}
