// Domain errors thrown by service verbs. They know nothing of HTTP: src/http maps each kind to one status
// (404, 409, 422, 412) in a single place, and the CLI maps them to messages and exit codes.

export class DomainError extends Error {}

export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} '${id}' not found`);
  }
}

export class ConflictError extends DomainError {
  override name = "ConflictError";
}

export interface InvalidField {
  /** Dotted path of the offending field, e.g. "codeHosting[0].url". */
  field: string;
  message: string;
}

/** The input is well-formed but breaks a domain rule (e.g. a publiccode.yml that does not validate). */
export class InvalidInputError extends DomainError {
  override name = "InvalidInputError";
  constructor(
    message: string,
    readonly fields: InvalidField[] = [],
  ) {
    super(message);
  }
}

/** An optimistic-concurrency or state precondition does not hold (e.g. If-Match mismatch). */
export class PreconditionFailedError extends DomainError {
  override name = "PreconditionFailedError";
}

/** The resource existed but no longer does; `code` names why (e.g. "cursor-expired" for a compacted feed). */
export class GoneError extends DomainError {
  override name = "GoneError";
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
