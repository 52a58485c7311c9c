import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { parseTemplateText } from "./cfn-yaml";
import { fromAppMeshJson, isAppMeshJson } from "./appmesh-json";
import { type CfnOptions, fromCloudFormation } from "./cloudformation";
import { fromKubernetes, isAppMeshManifest, type K8sOptions } from "./kubernetes";
import { isObject } from "./model";
import { ImportError, type Resource } from "./resources";

export type LoadOptions = CfnOptions & K8sOptions;

/**
 * Reads every file and converts what it holds, recognising the format by content: a
 * CloudFormation template (`Resources`), Kubernetes manifests of the App Mesh controller
 * (`apiVersion: appmesh.k8s.aws/...`, one or more YAML documents), or App Mesh JSON.
 * Manifests from all files are converted together (references cross files).
 */
export function loadFiles(files: string[], opts: LoadOptions): Resource[] {
  const out: Resource[] = [];
  const manifests: { obj: unknown; file: string }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new ImportError(`${file}: cannot read (${(e as Error).message})`);
    }
    if (/^\s*[[{]/.test(text) || /(^|\n)\s*"?(AWSTemplateFormatVersion|Resources)"?\s*:/.test(text)) {
      const value = parseTemplateText(text, file);
      if (isObject(value) && isObject(value.Resources)) out.push(...fromCloudFormation(value, file, opts));
      else if (isAppMeshJson(value)) out.push(...fromAppMeshJson(value, file));
      else if (isAppMeshManifest(value) || (isObject(value) && value.kind === "List")) manifests.push({ obj: value, file });
      else throw new ImportError(`${file}: neither a CloudFormation template, App Mesh controller manifests nor App Mesh JSON`);
      continue;
    }
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs)) throw new ImportError(`${file}: empty`);
    for (const doc of docs) {
      if (doc.errors.length > 0)
        throw new ImportError(`${file}:${doc.errors[0]!.linePos?.[0].line ?? "?"}: ${doc.errors[0]!.message.split("\n")[0]}`);
      const obj = doc.toJS();
      if (obj !== null && obj !== undefined) manifests.push({ obj, file });
    }
    if (!manifests.some((m) => m.file === file && (isAppMeshManifest(m.obj) || (isObject(m.obj) && m.obj.kind === "List")))) {
      throw new ImportError(`${file}: neither a CloudFormation template, App Mesh controller manifests nor App Mesh JSON`);
    }
  }
  if (manifests.length > 0) out.push(...fromKubernetes(manifests, opts));
  return out;
}
