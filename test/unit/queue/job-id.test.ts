import { describe, expect, it } from "vitest";
import { decodeJobId, encodeJobId } from "../../../src/queue/bullmq/job-id.ts";

describe("BullMQ job id encoding", () => {
  it.each(["crawl-source:42", "a:b:c", "%3A", "%:%25:", "plain", "sync-peer:https://peer.example/x?y=%20"])(
    "round-trips %j without leaving a ':' in the stored id",
    (id) => {
      const encoded = encodeJobId(id);
      expect(encoded).not.toContain(":");
      expect(decodeJobId(encoded)).toBe(id);
    },
  );

  it("gives different ids different encodings", () => {
    expect(encodeJobId("a:b")).not.toBe(encodeJobId("a%3Ab"));
  });
});
