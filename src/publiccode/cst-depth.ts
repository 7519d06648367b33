// Nesting depth of a YAML token stream, measured without recursion. The `yaml` composer recurses once per level
// and V8 can die outright (not throw) when it runs out of stack mid-way, so depth is checked on the tokens first.
import type { CST } from "yaml";

interface Frame {
  token: CST.Token | undefined;
  depth: number;
}

export function maxNestingDepth(tokens: CST.Token[]): number {
  const stack: Frame[] = tokens.map((token) => ({ token, depth: 0 }));
  let max = 0;
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (depth > max) max = depth;
    switch (token.type) {
      case "document":
        stack.push({ token: token.value, depth });
        break;
      case "block-map":
      case "flow-collection":
        for (const item of token.items) {
          stack.push(
            { token: item.key ?? undefined, depth: depth + 1 },
            { token: item.value, depth: depth + 1 },
          );
        }
        break;
      case "block-seq":
        for (const item of token.items) stack.push({ token: item.value, depth: depth + 1 });
        break;
      default:
        break;
    }
  }
  return max;
}
