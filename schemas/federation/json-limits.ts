// Shape limits for JSON received from peers, checked before any schema work. A peer is a stranger: a deeply
// nested or enormous document must cost a bounded amount of work to refuse, so the walk is iterative (no
// recursion to overflow) and stops at the first violation.

export interface JsonLimits {
  maxDepth: number;
  maxNodes: number;
  maxStringLength: number;
  maxArrayLength: number;
  maxObjectKeys: number;
  /** Rough serialized size: string lengths plus structure; an upper bound is all a guard needs. */
  maxApproxBytes: number;
}

/** The first limit a value breaks, as "path: message", or null when it stays within all of them. */
export function findJsonLimitViolation(value: unknown, limits: JsonLimits): string | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: "$", depth: 0 }];
  let nodes = 0;
  let bytes = 0;
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    nodes += 1;
    if (nodes > limits.maxNodes) return `${path}: more than ${limits.maxNodes} JSON values`;
    if (depth > limits.maxDepth) return `${path}: nested deeper than ${limits.maxDepth} levels`;
    if (typeof current === "string") {
      if (current.length > limits.maxStringLength) {
        return `${path}: string longer than ${limits.maxStringLength} characters`;
      }
      bytes += current.length * 3 + 2;
    } else if (Array.isArray(current)) {
      if (current.length > limits.maxArrayLength) return `${path}: more than ${limits.maxArrayLength} items`;
      bytes += 2 + current.length;
      current.forEach((item, i) => {
        stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 });
      });
    } else if (current !== null && typeof current === "object") {
      const entries = Object.entries(current);
      if (entries.length > limits.maxObjectKeys) return `${path}: more than ${limits.maxObjectKeys} keys`;
      bytes += 2;
      for (const [key, item] of entries) {
        if (key.length > limits.maxStringLength) return `${path}: key longer than ${limits.maxStringLength}`;
        bytes += key.length * 3 + 4;
        stack.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
      }
    } else {
      bytes += 24;
    }
    if (bytes > limits.maxApproxBytes) return `${path}: document larger than ${limits.maxApproxBytes} bytes`;
  }
  return null;
}
