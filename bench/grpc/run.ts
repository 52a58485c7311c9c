/**
 * `npm run bench:grpc`: a unary gRPC-Web call, direct vs through the edge.
 *
 * One @connectrpc/connect-node server (test/node/support/echo-service.ts) on 127.0.0.1 and the
 * bundled Worker in workerd (test/node/support/start-worker.ts) routing a grpcRoute to it. A
 * connect-node gRPC-Web client (HTTP/1.1, keep-alive) calls `Say` one call at a time, CALLS
 * calls per target per round after a warm-up, the two targets taking turns over ROUNDS rounds
 * so that other load on the machine hits both alike. Prints a markdown table of the medians
 * over the rounds (per-call p50 / p99 latency, calls per second) and the edge's added p50.
 * Bounded and self-stopping; 127.0.0.1 only.
 */
import { createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-node";
import { ECHO_SERVICE, echoService, startEchoServer } from "../../test/node/support/echo-service";
import { httpApi } from "../../test/node/security/support/http-api";
import { startWorker } from "../../test/node/support/start-worker";

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const HOST = "bench-echo.local";

interface Say {
  say(m: { value: string }): Promise<{ value: string }>;
}

interface Round {
  p50: number;
  p99: number;
  cps: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function run(c: Say, n: number): Promise<Round> {
  const ms: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await c.say({ value: "x" });
    ms.push(performance.now() - t);
  }
  const total = performance.now() - start;
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(n / 2)]!, p99: ms[Math.floor(n * 0.99)]!, cps: n / (total / 1000) };
}

async function main(): Promise<void> {
  const server = await startEchoServer("a");
  console.error("starting meshedge in workerd...");
  const w = await startWorker({ vars: { ACCESS_LOG: "off" } });
  try {
    const { ok } = httpApi(w.url);
    const M = "/v20190125/meshes/bench-rpc";
    await ok("PUT", "/v20190125/meshes", { meshName: "bench-rpc", spec: {} });
    await ok("PUT", `${M}/virtualNodes`, {
      virtualNodeName: "echo",
      spec: { serviceDiscovery: { dns: { hostname: "127.0.0.1" } }, listeners: [{ portMapping: { port: server.port, protocol: "grpc" } }] },
    });
    await ok("PUT", `${M}/virtualRouters`, {
      virtualRouterName: "rpc",
      spec: { listeners: [{ portMapping: { port: 8080, protocol: "grpc" } }] },
    });
    await ok("PUT", `${M}/virtualRouter/rpc/routes`, {
      routeName: "echo",
      spec: { grpcRoute: { match: { serviceName: ECHO_SERVICE }, action: { weightedTargets: [{ virtualNode: "echo", weight: 1 }] } } },
    });
    await ok("PUT", `${M}/virtualServices`, {
      virtualServiceName: HOST,
      spec: { provider: { virtualRouter: { virtualRouterName: "rpc" } } },
    });
    const host: Interceptor = (next) => (req) => {
      req.header.set("host", HOST);
      return next(req);
    };
    const direct = createClient(
      echoService,
      createGrpcWebTransport({ baseUrl: `http://127.0.0.1:${server.port}`, httpVersion: "1.1" }),
    ) as unknown as Say;
    const edge = createClient(
      echoService,
      createGrpcWebTransport({ baseUrl: w.url, httpVersion: "1.1", interceptors: [host] }),
    ) as unknown as Say;
    for (let i = 0; ; i++) {
      try {
        await edge.say({ value: "warm-up" });
        break;
      } catch (err) {
        if (i >= 100) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const rounds: { direct: Round; edge: Round }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      await run(direct, 200);
      await run(edge, 200);
      const d = await run(direct, CALLS);
      const e = await run(edge, CALLS);
      console.error(`  round ${r + 1}: direct p50 ${d.p50.toFixed(3)} ms, edge p50 ${e.p50.toFixed(3)} ms`);
      rounds.push({ direct: d, edge: e });
    }
    const row = (label: string, pick: (x: { direct: Round; edge: Round }) => Round) => {
      const rs = rounds.map(pick);
      return `| ${label} | ${median(rs.map((x) => x.p50)).toFixed(3)} | ${median(rs.map((x) => x.p99)).toFixed(3)} | ${median(rs.map((x) => x.cps)).toFixed(0)} |`;
    };
    console.log(`unary gRPC-Web \`Say\`, one call at a time, ${CALLS} calls x ${ROUNDS} rounds (medians over rounds)\n`);
    console.log("| target | p50 ms | p99 ms | calls/s |\n|---|---|---|---|");
    console.log(row("direct to the connect-node server", (x) => x.direct));
    console.log(row("through meshedge (grpcRoute)", (x) => x.edge));
    console.log(
      `\nadded by the edge at p50: ${median(rounds.map((x) => x.edge.p50 - x.direct.p50)).toFixed(3)} ms (median of per-round differences)`,
    );
  } finally {
    await w.stop();
    await server.close();
  }
}

await main();
