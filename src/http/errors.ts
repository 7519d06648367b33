// One problem+json mapper for the whole API (RFC 9457, https://www.rfc-editor.org/rfc/rfc9457). Domain errors
// from src/services are translated here and nowhere else; anything unknown is a 500 whose stack is logged
// with the request id and never sent to the client.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  ConflictError,
  GoneError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from "../services/errors.ts";
import type { AppEnv } from "./context.ts";

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
  /** A stable code for problems a client branches on (e.g. "cursor-expired"). */
  code?: string;
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** An error a handler or middleware throws to answer with a given problem. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export function problemResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  detail: string,
  options: { errors?: FieldError[]; headers?: Record<string, string>; code?: string } = {},
): Response {
  const problem: Problem = {
    // about:blank: the status code says it all (RFC 9457 §4.2.1); title is then the reason phrase.
    type: "about:blank",
    title: titles[status] ?? "Error",
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    requestId: c.get("requestId") ?? "",
    ...(options.errors ? { errors: options.errors } : {}),
    ...(options.code ? { code: options.code } : {}),
  };
  return new Response(JSON.stringify(problem), {
    status,
    headers: { ...options.headers, "content-type": "application/problem+json" },
  });
}

/** The app's onError: the single place where a thrown error becomes a status. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) return problemResponse(c, error.status, error.message, error.options);
  if (error instanceof NotFoundError) return problemResponse(c, 404, error.message);
  if (error instanceof ConflictError) return problemResponse(c, 409, error.message);
  if (error instanceof PreconditionFailedError) return problemResponse(c, 412, error.message);
  if (error instanceof GoneError) return problemResponse(c, 410, error.message, { code: error.code });
  if (error instanceof InvalidInputError) {
    const errors = error.fields.length > 0 ? error.fields : [{ field: "", message: error.message }];
    // A read has no body: bad input there came from the query (e.g. a tampered cursor), which is a 400.
    const status = c.req.method === "GET" || c.req.method === "HEAD" ? 400 : 422;
    return problemResponse(c, status, error.message, { errors });
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals (malformed JSON, unsupported media type, body too large) keep their status.
    return problemResponse(
      c,
      error.status as ContentfulStatusCode,
      error.message || titles[error.status] || "",
    );
  }
  c.get("deps").logger.error(
    { requestId: c.get("requestId"), err: error, method: c.req.method, path: c.req.path },
    "unhandled error",
  );
  return problemResponse(c, 500, "An unexpected error occurred; quote the request id when reporting it.");
}

export function handleNotFound(c: Context<AppEnv>): Response {
  return problemResponse(c, 404, `No route for ${c.req.method} ${new URL(c.req.url).pathname}`);
}
