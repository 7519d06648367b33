// The SPDX license ids inside a license expression ("EUPL-1.2 OR MIT" → EUPL-1.2, MIT), so filtering by
// one licence finds dual-licensed software. An unparsable expression is kept whole.
import parse from "spdx-expression-parse";

type Node = { license?: string; left?: Node; right?: Node };

function collect(node: Node, out: Set<string>): void {
  if (node.license) out.add(node.license);
  if (node.left) collect(node.left, out);
  if (node.right) collect(node.right, out);
}

export function licenseIds(expression: string): string[] {
  try {
    const ids = new Set<string>();
    collect(parse(expression) as Node, ids);
    return [...ids];
  } catch {
    return [expression];
  }
}
