// The fields of GitLab's answers the client relies on, checked at the boundary: a shape we do not expect is a
// clear non-retryable error instead of an undefined deep in the harvester.
// @see https://docs.gitlab.com/api/projects/ , https://docs.gitlab.com/api/repository_files/
import { z } from "zod";
import { ForgeError } from "../types.ts";

export const gitlabProjectSchema = z.object({
  id: z.number().int(),
  path_with_namespace: z.string(),
  web_url: z.string(),
  default_branch: z.string().nullish(),
  archived: z.boolean().optional(),
  visibility: z.string().optional(),
  empty_repo: z.boolean().optional(),
  last_activity_at: z.string().nullish(),
  repository_access_level: z.string().optional(),
  forked_from_project: z.object({ web_url: z.string() }).nullish(),
});
export type GitlabProject = z.infer<typeof gitlabProjectSchema>;

export const gitlabGroupSchema = z.object({ id: z.number().int(), full_path: z.string() });
export const gitlabUserSchema = z.object({ id: z.number().int(), username: z.string() });

export const gitlabFileSchema = z.object({
  file_path: z.string(),
  blob_id: z.string(),
  encoding: z.literal("base64"),
  content: z.string(),
});

/** What gitbeaker returns for one page with `showExpanded`: the rows and the next page number. */
export const gitlabPageSchema = z.object({
  data: z.array(z.unknown()),
  // `total` is NaN when GitLab omits X-Total (above 10,000 rows).
  paginationInfo: z.object({
    next: z.number().nullable(),
    total: z.union([z.number(), z.nan()]).optional(),
    perPage: z.union([z.number(), z.nan()]).optional(),
  }),
});

export function parseGitlab<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ForgeError(`unexpected GitLab ${what}: ${issue?.path.join(".")} ${issue?.message}`, false);
}
