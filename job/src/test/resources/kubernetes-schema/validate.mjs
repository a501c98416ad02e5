// Validates Kubernetes objects against the Kubernetes OpenAPI schema as the npm package kubernetes-models compiles
// it. Input on stdin: a JSON array of objects. Output: one line per problem, "<kind>/<name>: <what>"; exit 1 when
// there is any, 0 when every object fits. Run from the folder where package-lock.json was installed (KubernetesSchema).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const models = join(process.cwd(), "node_modules", "kubernetes-models");
const docs = JSON.parse(readFileSync(0, "utf8"));
const problems = [];
for (const doc of docs) {
  const name = `${doc.kind}/${doc.metadata?.name ?? "(no name)"}`;
  const file = join(models, String(doc.apiVersion), `${doc.kind}.js`);
  if (!doc.apiVersion || !doc.kind || !existsSync(file)) {
    problems.push(`${name}: no schema for apiVersion ${doc.apiVersion}, kind ${doc.kind}`);
    continue;
  }
  const Model = (await import(pathToFileURL(file).href))[doc.kind];
  try {
    new Model(doc).validate();
  } catch (e) {
    const details = (e.errors ?? []).map((d) => `${d.instancePath || "/"} ${d.message}${d.params ? " " + JSON.stringify(d.params) : ""}`);
    problems.push(`${name}: ${details.length ? details.join("; ") : e.message}`);
  }
}
problems.forEach((p) => console.log(p));
process.exit(problems.length ? 1 : 0);
