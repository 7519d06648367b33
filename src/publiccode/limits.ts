// Hard bounds on what the validator accepts, so hostile input (a 50 MB file, an alias bomb, 10,000-deep nesting)
// ends in one specific error within bounded time and memory instead of exhausting the process.

export const PARSE_LIMITS = Object.freeze({
  /** Largest input accepted, in bytes. The biggest real publiccode.yml we have seen is ~30 KB. */
  maxBytes: 1024 * 1024,
  /** Deepest mapping/sequence nesting accepted; the standard itself needs 5 levels. */
  maxDepth: 64,
  /** Most YAML nodes materialised, aliases expanded; stops "billion laughs" alias bombs. */
  maxNodes: 100_000,
  /** Most alias references (`*name`) followed while materialising the tree. */
  maxAliases: 1_000,
});

export type ParseLimits = typeof PARSE_LIMITS;
