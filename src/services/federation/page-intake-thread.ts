// Runs inside the intake worker (page-intake.ts): reads and checks pages with the in-thread intake and answers
// each "take" from the writer with the next page, its checked records serialised as one JSON string (cheaper
// for the writer to parse than a structured clone of 500 records).
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../../lib/clock.ts";
import { type IntakeMessage, type IntakeOptions, readPagesInThread } from "./page-intake.ts";
import { PeerPageError } from "./peer-http.ts";

const port = parentPort!;
const intake = readPagesInThread(workerData as IntakeOptions, { clock: systemClock });
let answering: Promise<void> = Promise.resolve();

async function answer(): Promise<IntakeMessage> {
  const next = intake.take();
  if (next === null) return { type: "end" };
  try {
    const { checked, ...page } = await next;
    return { type: "page", ...page, checked: JSON.stringify(checked) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return {
      type: "error",
      name: e.name,
      message: e.message,
      cursorExpired: e instanceof PeerPageError && e.cursorExpired,
    };
  }
}

port.on("message", () => {
  answering = answering.then(async () => port.postMessage(await answer()));
});
