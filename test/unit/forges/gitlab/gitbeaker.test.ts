// gitbeaker resources over our transport: the paths and query parameters GitLab receives.
import { describe, expect, it } from "vitest";
import { resolveGitlabEndpoint } from "../../../../src/forges/gitlab/endpoint.ts";
import { createGitlabApi } from "../../../../src/forges/gitlab/gitbeaker.ts";
import type { GitlabResponse, GitlabTransport } from "../../../../src/forges/gitlab/transport.ts";

function recordingTransport(body: unknown, headers: Record<string, string> = {}) {
  const calls: { method: string; path: string; query: string; signal: AbortSignal | undefined }[] = [];
  const transport: GitlabTransport = {
    budgetKeys: ["gitlab.example.org#anonymous"],
    requestCount: () => calls.length,
    async request(method, path, query, signal): Promise<GitlabResponse> {
      calls.push({ method, path, query: query?.toString() ?? "", signal });
      return { status: 200, headers: new Headers(headers), body };
    },
  };
  return { transport, calls };
}

const endpoint = resolveGitlabEndpoint("https://gitlab.example.org");

describe("createGitlabApi", () => {
  it("sends a group's full path URL-encoded and with_projects=false in snake case", async () => {
    const { transport, calls } = recordingTransport({ id: 1, full_path: "top/sub" });

    await createGitlabApi(endpoint, transport).groups.show("top/sub", { withProjects: false });

    expect(calls).toEqual([
      { method: "GET", path: "groups/top%2Fsub", query: "with_projects=false", signal: undefined },
    ]);
  });

  it("asks for one page of a group's projects and reads the next page number from the headers", async () => {
    const { transport, calls } = recordingTransport([{ id: 5 }], { "x-next-page": "3", "x-total": "250" });
    const signal = new AbortController().signal;

    const page = await createGitlabApi(endpoint, transport, signal).groups.allProjects(7, {
      includeSubgroups: true,
      withShared: false,
      orderBy: "id",
      sort: "asc",
      perPage: 100,
      page: 2,
      showExpanded: true,
    });

    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe("groups/7/projects");
    expect(new URLSearchParams(calls[0]?.query)).toEqual(
      new URLSearchParams(
        "include_subgroups=true&with_shared=false&order_by=id&sort=asc&per_page=100&page=2",
      ),
    );
    expect(calls[0]?.signal).toBe(signal);
    expect(page).toMatchObject({ data: [{ id: 5 }], paginationInfo: { next: 3, total: 250 } });
  });

  it("refuses to write: the crawler only reads", async () => {
    const { transport } = recordingTransport({});

    await expect(createGitlabApi(endpoint, transport).groups.remove(1)).rejects.toThrow(/only reads/);
  });
});
