/**
 * Timing helpers. The machine is shared, so per-call figures are taken in short slices,
 * interleaved across every implementation and table size round after round, and the median
 * slice is reported: a burst of load from elsewhere hits all cells alike instead of one.
 */

const SLICE_MS = 15;
const ROUNDS = 15;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

let sink = 0;
/** Keeps results observable so the JIT cannot drop the calls. */
function consume(x: unknown): void {
  if (x !== undefined && x !== null) sink++;
}
export function sinkValue(): number {
  return sink;
}

/** One thing to time: `run` over `inputs`, cycling. */
export interface Cell {
  readonly label: string;
  readonly inputs: readonly unknown[];
  readonly run: (input: never) => unknown;
  next: number;
  samples: number[];
}

export function cell<I>(label: string, inputs: readonly I[], run: (input: I) => unknown): Cell {
  return { label, inputs, run: run as (input: never) => unknown, next: 0, samples: [] };
}

/** ns per call of one slice; the clock is read every 16 calls so slow cells stay bounded. */
function slice(c: Cell): number {
  const run = c.run as (input: unknown) => unknown;
  const inputs = c.inputs;
  let calls = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(SLICE_MS * 1e6);
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 16; i++) {
      consume(run(inputs[c.next]));
      c.next = c.next + 1 === inputs.length ? 0 : c.next + 1;
    }
    calls += 16;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / calls;
}

/** Runs every cell once per round (round 0 only warms up) and fills `samples`. */
export function measureInterleaved(cells: readonly Cell[]): void {
  for (let round = 0; round <= ROUNDS; round++) {
    for (const c of cells) {
      const ns = slice(c);
      if (round > 0) c.samples.push(ns);
    }
  }
}

/** Median milliseconds of `build()` over a few runs. */
export function msPerBuild(build: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    consume(build());
    times.push(performance.now() - start);
  }
  return median(times);
}
