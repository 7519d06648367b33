// Our ids are free strings such as `crawl-source:42`; BullMQ reserves ':' (it separates the parts of its Redis
// keys) and rejects most ids containing it. The encoding is reversible, so processors and getQueueState see the
// id that was enqueued.

export function encodeJobId(id: string): string {
  return id.replaceAll("%", "%25").replaceAll(":", "%3A");
}

export function decodeJobId(encoded: string): string {
  return encoded.replaceAll("%3A", ":").replaceAll("%25", "%");
}
