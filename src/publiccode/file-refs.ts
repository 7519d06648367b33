// Checks on files a publiccode.yml points to (logo, screenshots, AUTHORS): relative paths or HTTP URLs only,
// accepted extensions, existence, PNG really being PNG. Local files are read synchronously; remote ones only when
// network checks are on (through the injected NetworkChecker).
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { join, posix } from "node:path";
import type { NetworkChecker } from "./network-checks.ts";
import { isPngBytes } from "./png.ts";
import { parseGoUrl } from "./url-rules.ts";

/** Where relative paths resolve: a directory on disk, a raw-file base URL, or nowhere (checks skipped). */
export type FileBase = { kind: "local"; dir: string } | { kind: "remote"; url: string } | { kind: "none" };

export type FileKind = "logo" | "image" | "file";
export type FileVerdict = string | null | Promise<string | null>;

const EXTENSIONS: Record<Exclude<FileKind, "file">, string[]> = {
  logo: [".svg", ".svgz", ".png"],
  image: [".jpg", ".png"],
};

/** The reference's first gate on any file reference; returns the error message or null. */
export function checkRelativeOrUrl(value: string): string | null {
  if (value.startsWith("/")) return "is an absolute path. Only relative paths or HTTP(s) URLs allowed";
  if (value.startsWith("file:")) return "is a file:// URL. Only relative paths or HTTP(s) URLs allowed";
  return null;
}

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot < 0 ? "" : base.slice(dot).toLowerCase();
}

export interface FileCheckOptions {
  base: FileBase;
  network: NetworkChecker | null;
  extraImageExtensions?: string[];
}

/**
 * Checks one referenced file; returns null when fine, else the reason (without the key). A promise only when
 * a network check was needed.
 */
export function checkFileRef(value: string, kind: FileKind, options: FileCheckOptions): FileVerdict {
  const absolute = parseGoUrl(value, true);
  let target: { local: string } | { remote: string } | { unresolved: string } | null;
  if (absolute?.scheme) {
    target = options.network ? { remote: value } : null;
  } else if (options.base.kind === "local") {
    target = { local: join(options.base.dir, value) };
  } else if (options.base.kind === "remote") {
    const u = new URL(options.base.url);
    u.pathname = posix.join(u.pathname, value);
    target = { remote: u.href };
  } else {
    // No base: the extension can still be judged, existence cannot (as for a remote base without network).
    target = { unresolved: value };
  }
  if (!target) return null;
  const shown = "local" in target ? target.local : "remote" in target ? target.remote : target.unresolved;
  if (kind !== "file") {
    const accepted = [...EXTENSIONS[kind], ...(kind === "image" ? (options.extraImageExtensions ?? []) : [])];
    if (!accepted.includes(extensionOf(shown))) return `invalid file extension for: ${shown}`;
  }
  if ("local" in target) {
    if (!existsSync(target.local)) return `no such file: ${target.local}`;
    if (kind === "logo" && extensionOf(shown) === ".png" && !hasPngSignature(target.local)) {
      return "image: unknown format";
    }
    return null;
  }
  if ("unresolved" in target || !options.network) return null;
  return options.network.checkFile(target.remote, kind);
}

function hasPngSignature(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    return isPngBytes(head);
  } finally {
    closeSync(fd);
  }
}
