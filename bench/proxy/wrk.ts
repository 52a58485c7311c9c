import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cpuMs } from "./cpu";

const run = promisify(execFile);

export interface WrkResult {
  rps: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  errors: number;
  /** CPU time the target's own processes spent per request (µs), when their pids are given. */
  cpuUsPerReq: number;
}

function ms(v: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(v.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
}

/** Runs wrk (bounded: `seconds`, 2 threads (1 for one connection), `connections`) and parses its --latency output. */
export async function wrk(url: string, opts: { seconds: number; connections: number; host?: string; pids?: number[] }): Promise<WrkResult> {
  const cpu0 = cpuMs(opts.pids ?? []);
  const args = [`-t${Math.min(2, opts.connections)}`, `-c${opts.connections}`, `-d${opts.seconds}s`, "--latency"];
  if (opts.host) args.push("-H", `Host: ${opts.host}`);
  args.push(url);
  const { stdout } = await run("wrk", args, { timeout: (opts.seconds + 30) * 1000 });
  const cpu = cpuMs(opts.pids ?? []) - cpu0;
  const p50 = /^\s+50%\s+(\S+)/m.exec(stdout)?.[1];
  const p99 = /^\s+99%\s+(\S+)/m.exec(stdout)?.[1];
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1];
  const total = /(\d+) requests in/.exec(stdout)?.[1];
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1];
  const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const errors = Number(non2xx ?? 0) + (sockErr ? sockErr.slice(1).reduce((s, x) => s + Number(x), 0) : 0);
  if (!p50 || !p99 || !rps) throw new Error(`could not parse wrk output:\n${stdout}`);
  const requests = Number(total ?? 0);
  return {
    rps: Number(rps),
    p50ms: ms(p50),
    p99ms: ms(p99),
    requests,
    errors,
    cpuUsPerReq: requests > 0 ? (cpu * 1000) / requests : Number.NaN,
  };
}
