import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/signed-fetch";
import { createMesh, createNode, createService, edge, reload, updateElsewhere, upstreamPort } from "./support/mesh";

const M = "px-upstream-hostname";
const NODES = `/v20190125/meshes/${M}/virtualNodes`;
const nodeSpec = (hostname: string, port = 8080) => ({
  listeners: [{ portMapping: { port, protocol: "http" } }],
  serviceDiscovery: { dns: { hostname } },
});

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "stored", "a");
  await createService(M, "stored.hostname.local", { node: "stored" });
});

describe("serviceDiscovery.dns.hostname is a DNS name or an IP address", () => {
  it("refuses hostnames that would change the upstream URL, naming the field", async () => {
    for (const hostname of [
      "127.0.0.1:9081/admin?",
      "127.0.0.1:9081",
      "svc.local\r\nx-injected: 1",
      "svc\u0000.local",
      "user:pw@svc.local",
      "svc.local#frag",
      "svc local",
      "",
      "a".repeat(5000),
      "1.2.3.999",
    ]) {
      const a = await call("PUT", NODES, { virtualNodeName: "bad", spec: nodeSpec(hostname) });
      expect([hostname.slice(0, 40), a.status, a.errorType]).toEqual([hostname.slice(0, 40), 400, "BadRequestException"]);
      expect(a.body["message"]).toMatch(/^spec\.serviceDiscovery\.dns\.hostname: /);
    }
  });

  it("refuses Cloud Map names that are not a DNS name together", async () => {
    const a = await call("PUT", NODES, {
      virtualNodeName: "bad-map",
      spec: {
        listeners: [{ portMapping: { port: 8080, protocol: "http" } }],
        serviceDiscovery: { awsCloudMap: { namespaceName: "ns.local", serviceName: "svc:9/x?" } },
      },
    });
    expect([a.status, a.errorType]).toEqual([400, "BadRequestException"]);
    expect(a.body["message"]).toMatch(/^spec\.serviceDiscovery\.awsCloudMap: /);
  });

  it("accepts the names real configurations use (Kubernetes, ELB, *.local) and IP literals", async () => {
    for (const [i, hostname] of [
      "colorteller.default.svc.cluster.local", // aws-app-mesh-examples (Kubernetes service names)
      "colorteller-red.default.svc.cluster.local.dns", // aws-app-mesh-examples walkthroughs/howto-ipv6/dns/mesh/red-vn.json
      "app-m-Publi-55555555.elb.us-west-2.amazonaws.com", // the ELB name in walkthroughs/howto-ipv6/README.md
      "serviceb.simpleapp.local", // Terraform's aws_appmesh_virtual_node example
      "127.0.0.1",
      "::1",
      "[fd00::1]",
      "svc.local.",
    ].entries()) {
      const a = await call("PUT", NODES, { virtualNodeName: `ok-${i}`, spec: nodeSpec(hostname) });
      expect([hostname, a.status], JSON.stringify(a.body)).toEqual([hostname, 200]);
    }
  });

  it("the edge builds no upstream URL from a bad hostname stored before the rule (503 discovery_unusable)", async () => {
    // Stored behind the API: would send the client's path to upstream b's /admin as a query.
    await updateElsewhere(M, "virtualNode", "", "stored", nodeSpec(`127.0.0.1:${upstreamPort("b")}/admin?`, upstreamPort("a")));
    reload(M);
    const res = await edge("stored.hostname.local", "/hello");
    expect([res.status, res.headers.get("x-meshedge-error")], await res.clone().text()).toEqual([503, "discovery_unusable"]);
    expect(res.headers.get("x-upstream-name")).toBeNull();
    // The reason (the stored hostname) goes to the access log only: an anonymous client learns nothing internal.
    expect(await res.json()).toEqual({ error: "discovery_unusable", message: "the target's service discovery cannot be used by the edge" });
  });
});
