import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../../src/lib/clock.ts";
import {
  type IntakeOptions,
  type IntakePage,
  type PageIntake,
  readPagesInThread,
  readPagesInWorker,
} from "../../../src/services/federation/page-intake.ts";
import { PeerPageError } from "../../../src/services/federation/peer-http.ts";
import { startCatalogue, type TestCatalogue } from "./support.ts";

function optionsFor(peer: TestCatalogue, self: TestCatalogue, overrides: Partial<IntakeOptions> = {}) {
  return {
    baseUrl: peer.url,
    from: { phase: "snapshot", cursor: null },
    pageSize: 2,
    maxPages: 100,
    allowPrivateNetwork: true,
    knownPeers: [[peer.id, peer.url]],
    self: { catalogueId: self.id, publicKeys: self.settings.publicKeys },
    ...overrides,
  } satisfies IntakeOptions;
}

async function readAll(intake: PageIntake): Promise<IntakePage[]> {
  const pages: IntakePage[] = [];
  try {
    for (let next = intake.take(); next !== null; next = intake.take()) {
      const page = await next;
      pages.push(page);
      if (!page.more) break;
    }
  } finally {
    intake.close();
  }
  return pages;
}

describe("page intake", () => {
  it("reads the same checked pages on a worker thread as on this one", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    for (let i = 0; i < 5; i++) await a.createSoftware({ name: `Software ${i}` });
    const options = optionsFor(a, b);
    const inThread = await readAll(readPagesInThread(options, { clock: systemClock }));
    const inWorker = await readAll(readPagesInWorker(options));
    // Three snapshot pages of 2, 2 and 1 records, then the (empty) changes page that ends the feed.
    expect(inThread.map((p) => p.checked.records.length)).toEqual([2, 2, 1, 0]);
    expect(inWorker).toEqual(inThread);
    expect(inWorker.flatMap((p) => p.checked.records.map((r) => r.verification.ok))).toEqual(
      Array(5).fill(true),
    );
  });

  it("stops after maxPages pages, leaving the rest for the next run", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    for (let i = 0; i < 5; i++) await a.createSoftware();
    const intake = readPagesInWorker(optionsFor(a, b, { maxPages: 2 }));
    const pages = await readAll(intake);
    expect(pages.map((p) => p.more)).toEqual([true, true]);
  });

  it("hands the writer a peer's failure as the same PeerPageError, 410 (cursor expired) included", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const gone = createServer((_req, res) => res.writeHead(410).end());
    const goneUrl = await new Promise<string>((resolve) =>
      gone.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(gone.address() as AddressInfo).port}`)),
    );
    try {
      const expired = readAll(readPagesInWorker(optionsFor(a, b, { baseUrl: goneUrl })));
      await expect(expired).rejects.toMatchObject({ name: "PeerPageError", cursorExpired: true });
      await expect(expired).rejects.toBeInstanceOf(PeerPageError);
    } finally {
      gone.close();
    }
    const down = readPagesInWorker(optionsFor(a, b, { baseUrl: "http://127.0.0.1:1" }));
    await expect(readAll(down)).rejects.toMatchObject({
      name: "PeerPageError",
      cursorExpired: false,
      message: expect.stringMatching(/GET \/federation\/v1\/snapshot/),
    });
  });
});
