// Where in a YAML document a problem is, for "<file>:<line>:<col> <path>: <message>" reports:
// the value at a path, the key for an unknown key, or the nearest enclosing node when the path
// stops early (a missing key).
import { isMap, isScalar, type Node, type parseDocument } from "yaml";

export type YamlPath = readonly PropertyKey[];

export interface YamlLocation {
  offset: number;
  /** The path resolved all the way (false: it stops at a parent, e.g. a missing key). */
  exact: boolean;
}

export function locateInYaml(
  doc: ReturnType<typeof parseDocument>,
  path: YamlPath,
  key?: string,
): YamlLocation {
  for (let length = path.length; length >= 0; length--) {
    const node = (length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true)) as Node | undefined;
    if (!node?.range) continue;
    if (key !== undefined && length === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return { offset: keyNode.range[0], exact: true };
    }
    return { offset: node.range[0], exact: length === path.length };
  }
  return { offset: 0, exact: false };
}

/** rotations[0].shifts[1].end */
export function formatYamlPath(path: YamlPath): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i ? "." : ""}${String(part)}`))
    .join("");
}
