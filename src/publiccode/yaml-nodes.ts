// The positioned YAML tree the validator works on: just mappings, sequences and scalars, each with the line and
// column of its first token (what the reference validator reports), aliases already expanded.

export interface Pos {
  line: number;
  column: number;
}
export type ScalarType = "str" | "int" | "float" | "bool" | "null";
export interface YScalar {
  kind: "scalar";
  type: ScalarType;
  /** Numbers are kept as written (their source text), so converting them to strings loses nothing. */
  value: string | boolean | null;
  pos: Pos;
}
export interface YPair {
  key: string;
  keyPos: Pos;
  value: YNode;
}
export interface YMap {
  kind: "map";
  flow: boolean;
  pairs: YPair[];
  pos: Pos;
}
export interface YSeq {
  kind: "seq";
  items: YNode[];
  pos: Pos;
}
export type YNode = YScalar | YMap | YSeq;
