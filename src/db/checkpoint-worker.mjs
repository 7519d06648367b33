// Runs in a worker thread started by checkpointer.ts: its own connection to the database file, copying committed
// WAL pages into the database file (a PASSIVE checkpoint: it never blocks or waits for the writer) every
// `intervalMs`. Plain JavaScript, so it loads the same way under tsx, vitest and plain node.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.path, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // SQLITE_BUSY and the like: the next tick tries again, and the writer's own autocheckpoint is the backstop.
  }
}, workerData.intervalMs);

parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
