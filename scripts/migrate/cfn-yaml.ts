import { Pair, parseDocument, Scalar, YAMLMap, type YAMLSeq } from "yaml";
import { ImportError } from "./resources";

/** CloudFormation's short-form tags; `!Ref` and `!Condition` are `Ref` and `Condition`, the rest `Fn::X`. */
const SHORT_FORMS = [
  "Ref",
  "Condition",
  "Sub",
  "GetAtt",
  "Join",
  "If",
  "ImportValue",
  "Select",
  "Split",
  "FindInMap",
  "Equals",
  "Not",
  "And",
  "Or",
  "Base64",
  "GetAZs",
  "Cidr",
  "Length",
  "ToJsonString",
  "Transform",
];

const longForm = (n: string) => (n === "Ref" || n === "Condition" ? n : `Fn::${n}`);

function wrap(name: string, node: unknown) {
  const m = new YAMLMap();
  m.items.push(new Pair(new Scalar(longForm(name)), node));
  return m;
}

const CUSTOM_TAGS = SHORT_FORMS.flatMap((n) => [
  // `!GetAtt A.B` is `{"Fn::GetAtt": "A.B"}`, which the evaluator splits like CloudFormation does.
  { tag: `!${n}`, resolve: (s: string) => ({ [longForm(n)]: s }) },
  { tag: `!${n}`, collection: "seq" as const, resolve: (s: unknown) => wrap(n, s as YAMLSeq) },
  { tag: `!${n}`, collection: "map" as const, resolve: (s: unknown) => wrap(n, s as YAMLMap) },
]);

/**
 * Parses a CloudFormation template (YAML with short-form tags, or JSON, which is YAML too).
 * An unknown tag is an error, not a silently kept string.
 */
export function parseTemplateText(text: string, file: string): unknown {
  const doc = parseDocument(text, { customTags: CUSTOM_TAGS, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    const p = problems[0]!;
    const line = p.linePos?.[0];
    const unknownTag = /Unresolved tag: (\S+)/.exec(p.message);
    const what = unknownTag ? `unknown intrinsic function tag ${unknownTag[1]}` : p.message.split("\n")[0];
    throw new ImportError(`${file}${line ? `:${line.line}` : ""}: ${what}`);
  }
  return doc.toJS({ maxAliasCount: 1000 });
}
