import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client.ts";
import { silentLogger } from "../../../src/logger.ts";
import type { BullMqJobQueue } from "../../../src/queue/bullmq/queue.ts";
import { openQueue } from "../../../src/runtime/index.ts";
import { createServiceContext } from "../../../src/services/context.ts";
import { runCli } from "../../support/cli.ts";
import { makePublisher, uniqueSlug } from "../../support/factories.ts";
import { connectSharedRedis, deleteKeys, sharedRedisUrl, uniquePrefix } from "../../support/redis.ts";

const prefix = uniquePrefix("trigger");
const dir = mkdtempSync(join(tmpdir(), "trigger-cli-"));
const databaseUrl = join(dir, "catalogue.sqlite");
const opened = openQueue({ REDIS_URL: sharedRedisUrl, QUEUE_PREFIX: prefix }, { logger: silentLogger });

afterAll(async () => {
  await (opened.queue as BullMqJobQueue).obliterate().catch(() => {});
  await opened.close();
  const redis = await connectSharedRedis();
  await deleteKeys(redis, prefix);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("catalogue trigger with REDIS_URL", () => {
  it("queues a crawl per source of the publisher once, and reports the second trigger as already pending", async () => {
    const handle = createDb(databaseUrl);
    const ctx = createServiceContext({ db: handle.db, actor: "test" });
    const publisher = await makePublisher(ctx, {
      codeHosting: [
        { url: `https://github.com/${uniqueSlug("a")}` },
        { url: `https://github.com/${uniqueSlug("b")}` },
      ],
    });
    handle.close();
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: sharedRedisUrl,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "silent",
    };

    const first = await runCli(["trigger", "--publisher", publisher.id], { env });
    expect(first.code).toBe(0);
    const jobIds = publisher.codeHosting.map((s) => `crawl-source:${s.id}`);
    for (const jobId of jobIds) expect(first.stdout).toContain(`${jobId}\tqueued`);
    expect((await opened.queue.getQueueState("crawl-source")).waiting).toBe(2);

    const again = await runCli(["trigger", "--source", publisher.codeHosting[0]!.url], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${jobIds[0]}\talready pending\n`);
    expect((await opened.queue.getQueueState("crawl-source")).waiting).toBe(2);
  });

  it("fails with exit 2 for a source the catalogue does not know", async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: sharedRedisUrl,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "silent",
    };
    const run = await runCli(["trigger", "--source", "https://github.com/nobody-knows-this"], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not found");
  });
});
