// Wire schemas for /v1/admin: queue state and crawl triggers.
import { z } from "@hono/zod-openapi";

const FailedJobSchema = z.object({
  id: z.string().openapi({ example: "crawl-source:6f1c…" }),
  name: z.string(),
  error: z.string().openapi({ description: "The last run's error message" }),
  attempts: z.number().int(),
  failedAt: z.string().openapi({ format: "date-time" }),
});

const QueueStateSchema = z.object({
  name: z.string().openapi({ example: "crawl-source" }),
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  completed: z.number().int().openapi({ description: "Completed jobs still retained (the newest 1,000)" }),
  failed: z.number().int().openapi({ description: "Failed jobs still retained (the newest 1,000)" }),
  failedJobs: z.array(FailedJobSchema).openapi({ description: "Newest first, at most 100" }),
  nextRunAt: z
    .string()
    .nullable()
    .openapi({ format: "date-time", description: "Earliest delayed job (a retry)" }),
});

export const QueuesSchema = z
  .object({
    queues: z.array(QueueStateSchema),
    nextScheduledCrawlAt: z
      .string()
      .nullable()
      .openapi({ format: "date-time", description: "Earliest next crawl of any source" }),
  })
  .openapi("QueueStates");

export const CrawlTriggerSchema = z
  .object({
    sourceId: z.string().min(1).max(64).optional(),
    sourceUrl: z.string().min(1).max(255).optional(),
    publisherId: z.string().min(1).max(255).optional(),
    all: z.literal(true).optional(),
  })
  .refine((body) => Object.values(body).filter((v) => v !== undefined).length === 1, {
    message: "give exactly one of sourceId, sourceUrl, publisherId, all",
  })
  .openapi("CrawlTrigger", { example: { publisherId: "comune-di-roma" } });

export const CrawlTriggerResultSchema = z
  .object({
    sources: z.number().int().openapi({ description: "Sources the target named" }),
    jobs: z.array(
      z.object({
        sourceId: z.string(),
        jobId: z.string(),
        created: z.boolean().openapi({ description: "False when a crawl of the source was already pending" }),
      }),
    ),
    errors: z.array(z.object({ sourceId: z.string(), error: z.string() })),
  })
  .openapi("CrawlTriggerResult");
