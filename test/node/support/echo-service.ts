import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { create, createFileRegistry, type DescService } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, file_google_protobuf_wrappers } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";

/** The service's full name: the path of its methods is `/meshedge.test.Echo/{Method}`. */
export const ECHO_SERVICE = "meshedge.test.Echo";

/**
 * `meshedge.test.Echo`, built at runtime from a FileDescriptorProto (no code generation), with
 * google.protobuf.StringValue in and out:
 * - `Say`: unary, answers `{node}:{value}`;
 * - `Flaky`: unary; a value `key:N` fails with UNAVAILABLE the first N times that key is called;
 * - `Count`: server streaming of `{node}:1`, `:2`, `:3`; a value `fail-after-first` fails with
 *   UNAVAILABLE after the first message, `key:N` fails before any message the first N times.
 */
export const echoService: DescService = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: "meshedge/test/echo.proto",
    package: "meshedge.test",
    dependency: ["google/protobuf/wrappers.proto"],
    syntax: "proto3",
    service: [
      {
        name: "Echo",
        method: [
          { name: "Say", inputType: ".google.protobuf.StringValue", outputType: ".google.protobuf.StringValue" },
          { name: "Flaky", inputType: ".google.protobuf.StringValue", outputType: ".google.protobuf.StringValue" },
          { name: "Count", inputType: ".google.protobuf.StringValue", outputType: ".google.protobuf.StringValue", serverStreaming: true },
        ],
      },
    ],
  }),
  (name) => (name === "google/protobuf/wrappers.proto" ? file_google_protobuf_wrappers : undefined),
).getService(ECHO_SERVICE)!;

export interface EchoServer {
  port: number;
  /** Calls per method and value, as the server saw them. */
  calls: Map<string, number>;
  close(): Promise<void>;
}

/** Serves Echo over HTTP/1.1 on 127.0.0.1 in the gRPC-Web, Connect and gRPC protocols at once. */
export async function startEchoServer(node: string): Promise<EchoServer> {
  const calls = new Map<string, number>();
  const seen = (method: string, value: string) => {
    const n = (calls.get(`${method} ${value}`) ?? 0) + 1;
    calls.set(`${method} ${value}`, n);
    return n;
  };
  const failsFirst = (value: string, n: number) => {
    const m = /:(\d+)$/.exec(value);
    return m !== null && n <= Number(m[1]);
  };
  const routes = (router: ConnectRouter) =>
    router.service(echoService, {
      say: (req: { value: string }) => (seen("Say", req.value), { value: `${node}:${req.value}` }),
      flaky: (req: { value: string }) => {
        if (failsFirst(req.value, seen("Flaky", req.value))) throw new ConnectError("try again", Code.Unavailable);
        return { value: `${node}:${req.value}` };
      },
      async *count(req: { value: string }) {
        const n = seen("Count", req.value);
        if (failsFirst(req.value, n)) throw new ConnectError("not yet", Code.Unavailable);
        yield { value: `${node}:1` };
        if (req.value === "fail-after-first") throw new ConnectError("gone", Code.Unavailable);
        yield { value: `${node}:2` };
        yield { value: `${node}:3` };
      },
    } as never);
  const server: Server = createServer(connectNodeAdapter({ routes }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
