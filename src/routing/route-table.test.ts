import { compileGatewayRouteTable } from "./compile-gateway-route-table";
import { compileRouteTable } from "./compile-route-table";
import { loadGatewayRouteTable } from "./load-gateway-route-table";
import { loadRouteTable } from "./load-route-table";
import { createReferenceGatewayRouteTable, createReferenceRouteTable } from "./reference-evaluator";
import { describeGatewayRouteTableContract } from "./testing/gateway-route-table-contract";
import { describeRouteConditionsContract } from "./testing/route-conditions-contract";
import { describeRouteTableContract } from "./testing/route-table-contract";

// The compiled tables go through a JSON round trip, as snapshots do between the Durable Object and the edge.
const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const compiled = (routes: Parameters<typeof compileRouteTable>[0]) => loadRouteTable(roundTrip(compileRouteTable(routes)));

describeRouteTableContract("compiled", compiled);
describeRouteTableContract("reference", createReferenceRouteTable);
describeRouteConditionsContract("compiled", compiled);
describeRouteConditionsContract("reference", createReferenceRouteTable);
describeGatewayRouteTableContract("compiled", (routes) => loadGatewayRouteTable(roundTrip(compileGatewayRouteTable(routes))));
describeGatewayRouteTableContract("reference", createReferenceGatewayRouteTable);
