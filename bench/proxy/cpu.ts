import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU milliseconds (user + system, all threads) the processes have used so far. */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the ")" of comm: state is [0], utime [11], stime [12].
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // The process is gone: it used no more.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Direct children of `ppid` whose command is `name`. */
export function childPids(ppid: number, name: string): number[] {
  try {
    const out = execFileSync("ps", ["--ppid", String(ppid), "-o", "pid=,comm="], { encoding: "utf8" });
    return out
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter(([, comm]) => comm === name)
      .map(([pid]) => Number(pid));
  } catch {
    return [];
  }
}
