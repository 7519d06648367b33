// Small pieces of the transport: reading an answer's body, naming a failure, treating a 404 as "none", and
// the real-time sleep used when none is injected.
import { ForgeError } from "../types.ts";

/** JSON for JSON answers, text otherwise; a body cut off mid-way throws, so the caller retries it. */
export async function readBody(res: Response, method: string): Promise<unknown> {
  if (method === "HEAD" || res.status === 204 || res.status === 304) return null;
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return type.includes("json") ? JSON.parse(text) : text;
}

export function describeFailure(method: string, path: string, status: number, body: unknown): string {
  const detail =
    body && typeof body === "object"
      ? String(
          (body as { message?: unknown; error?: unknown }).message ??
            (body as { error?: unknown }).error ??
            "",
        )
      : typeof body === "string"
        ? body.trim()
        : "";
  return `GitLab ${method} ${path}: ${status}${detail ? ` ${detail}` : ""}`;
}

/** Waits `ms` of real time; rejects with the signal's reason when it aborts. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `call`'s result, or null when GitLab answers 404 (or also 403, with `forbiddenToo`). */
export async function orNullOn404<T>(call: () => Promise<T>, forbiddenToo = false): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ForgeError && (error.status === 404 || (forbiddenToo && error.status === 403)))
      return null;
    throw error;
  }
}
