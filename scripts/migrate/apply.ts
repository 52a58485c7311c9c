import {
  type AppMeshClient,
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  TagResourceCommand,
  UpdateGatewayRouteCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualGatewayCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualRouterCommand,
  UpdateVirtualServiceCommand,
} from "@aws-sdk/client-app-mesh";
import type { Step } from "./plan";
import type { Resource } from "./resources";

/* The SDK's input types are unions per field; the specs were converted against the same model. */
// biome-ignore lint/suspicious/noExplicitAny: the SDK's per-field unions; the specs were converted against the same model
type Any = any;

async function create(am: AppMeshClient, r: Resource): Promise<void> {
  const base = { meshName: r.mesh, spec: r.spec as Any, ...(r.tags ? { tags: r.tags } : {}) };
  switch (r.kind) {
    case "mesh":
      await am.send(new CreateMeshCommand(base));
      return;
    case "virtualNode":
      await am.send(new CreateVirtualNodeCommand({ ...base, virtualNodeName: r.name }));
      return;
    case "virtualRouter":
      await am.send(new CreateVirtualRouterCommand({ ...base, virtualRouterName: r.name }));
      return;
    case "route":
      await am.send(new CreateRouteCommand({ ...base, virtualRouterName: r.parent!, routeName: r.name }));
      return;
    case "virtualService":
      await am.send(new CreateVirtualServiceCommand({ ...base, virtualServiceName: r.name }));
      return;
    case "virtualGateway":
      await am.send(new CreateVirtualGatewayCommand({ ...base, virtualGatewayName: r.name }));
      return;
    case "gatewayRoute":
      await am.send(new CreateGatewayRouteCommand({ ...base, virtualGatewayName: r.parent!, gatewayRouteName: r.name }));
      return;
  }
}

async function update(am: AppMeshClient, r: Resource): Promise<void> {
  const base = { meshName: r.mesh, spec: r.spec as Any };
  switch (r.kind) {
    case "mesh":
      await am.send(new UpdateMeshCommand(base));
      return;
    case "virtualNode":
      await am.send(new UpdateVirtualNodeCommand({ ...base, virtualNodeName: r.name }));
      return;
    case "virtualRouter":
      await am.send(new UpdateVirtualRouterCommand({ ...base, virtualRouterName: r.name }));
      return;
    case "route":
      await am.send(new UpdateRouteCommand({ ...base, virtualRouterName: r.parent!, routeName: r.name }));
      return;
    case "virtualService":
      await am.send(new UpdateVirtualServiceCommand({ ...base, virtualServiceName: r.name }));
      return;
    case "virtualGateway":
      await am.send(new UpdateVirtualGatewayCommand({ ...base, virtualGatewayName: r.name }));
      return;
    case "gatewayRoute":
      await am.send(new UpdateGatewayRouteCommand({ ...base, virtualGatewayName: r.parent!, gatewayRouteName: r.name }));
      return;
  }
}

/** Carries out a plan in its order; `onStep` reports each step as it is done. */
export async function applyPlan(am: AppMeshClient, steps: Step[], onStep?: (step: Step, index: number) => void): Promise<void> {
  for (const [i, step] of steps.entries()) {
    if (step.action === "create") await create(am, step.resource);
    if (step.action === "update") {
      await update(am, step.resource);
      if (step.resource.tags?.length && step.arn)
        await am.send(new TagResourceCommand({ resourceArn: step.arn, tags: step.resource.tags }));
    }
    onStep?.(step, i);
  }
}
