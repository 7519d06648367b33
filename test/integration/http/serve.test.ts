// Starts the real server through `catalogue serve --port 0` in a child process and talks HTTP to it.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");
let child: ChildProcess;
let baseUrl: string;
let stderr = "";
const dir = mkdtempSync(join(tmpdir(), "catalogue-serve-"));

beforeAll(async () => {
  child = spawn(process.execPath, [join(root, "bin/catalogue.mjs"), "serve", "--port", "0"], {
    env: { PATH: process.env.PATH, DATABASE_URL: join(dir, "catalogue.sqlite"), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
  });
});

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("catalogue serve", () => {
  it("listens on 127.0.0.1 on the port the OS picked", () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(baseUrl).not.toContain(":0/");
  });

  it("answers /v1/status with 204 and echoes the request id", async () => {
    const res = await fetch(new URL("v1/status", baseUrl), { headers: { "x-request-id": "integration-1" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("x-request-id")).toBe("integration-1");
    expect(res.headers.get("ratelimit-limit")).toBe("120");
  });

  it("serves the generated OpenAPI document and lists software from the migrated database", async () => {
    const doc = (await (await fetch(new URL("openapi.json", baseUrl))).json()) as { openapi: string };
    expect(doc.openapi).toBe("3.1.0");
    const list = await fetch(new URL("v1/software", baseUrl));
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ data: [], links: { prev: null, next: null } });
  });

  it("refuses a write without a token with 401 and a Bearer challenge", async () => {
    const res = await fetch(new URL("v1/publishers", baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("exposes Prometheus metrics that count the requests it served", async () => {
    const text = await (await fetch(new URL("metrics", baseUrl))).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/v1\/status",status="204"\} [1-9]/);
  });

  it("logs one line per request and stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = stderr
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === "request" && l.requestId === "integration-1")).toMatchObject({
      method: "GET",
      route: "/v1/status",
      status: 204,
    });
    expect(lines.some((l) => l.msg === "stopping" && l.signal === "SIGTERM")).toBe(true);
  });
});
