import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../test/node/support/free-port";
import { childPids } from "./cpu";
import { waitForHttp } from "./ports";

export interface NginxRig {
  /** Two static upstreams answering "upstream a" / "upstream b". */
  upstreamA: number;
  upstreamB: number;
  /** nginx proxying with split_clients 80/20 to the same two upstreams (the comparison). */
  split: number;
  /** nginx worker process(es), for CPU accounting. */
  pids: number[];
  stop(): Promise<void>;
}

/**
 * One foreground nginx (Debian's, `worker_processes 1`) on free ports, from a temporary config:
 * the two upstreams every target of the benchmark uses and the split_clients proxy.
 */
export async function startNginx(): Promise<NginxRig> {
  const dir = mkdtempSync(join(tmpdir(), "meshedge-nginx-"));
  for (const d of ["cb", "px", "fc", "uw", "sc"]) mkdirSync(join(dir, d));
  const [a, b, split] = [await freePort(), await freePort(), await freePort()];
  const conf = `
worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/cb; proxy_temp_path ${dir}/px; fastcgi_temp_path ${dir}/fc;
  uwsgi_temp_path ${dir}/uw; scgi_temp_path ${dir}/sc;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:${a}; location / { default_type text/plain; return 200 "upstream a\\n"; } }
  server { listen 127.0.0.1:${b}; location / { default_type text/plain; return 200 "upstream b\\n"; } }
  upstream ua { server 127.0.0.1:${a}; keepalive 64; }
  upstream ub { server 127.0.0.1:${b}; keepalive 64; }
  split_clients "$request_id" $backend { 80% ua; * ub; }
  server {
    listen 127.0.0.1:${split};
    location / { proxy_pass http://$backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}`;
  writeFileSync(join(dir, "nginx.conf"), conf);
  const child: ChildProcess = spawn("nginx", ["-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" });
  await waitForHttp(`http://127.0.0.1:${split}/`);
  return {
    pids: childPids(child.pid!, "nginx"),
    upstreamA: a,
    upstreamB: b,
    split,
    async stop() {
      const done = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGQUIT");
      await done;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
