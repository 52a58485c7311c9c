/** Timing helpers: medians over rounds, each round long enough for a stable per-call figure. */

const ROUND_MS = 60;
const ROUNDS = 7;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

let sink = 0;
/** Keeps results observable so the JIT cannot drop the calls. */
export function consume(x: unknown): void {
  if (x !== undefined && x !== null) sink++;
}
export function sinkValue(): number {
  return sink;
}

/** Median ns per call of `run(input)`, cycling through `inputs`. */
export function nsPerCall<I>(inputs: readonly I[], run: (input: I) => unknown): number {
  const perRound: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    let calls = 0;
    let next = 0;
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(ROUND_MS * 1e6);
    let now = start;
    // Check the clock every 16 calls: slow implementations (the linear reference) stay bounded.
    while (now < deadline) {
      for (let i = 0; i < 16; i++) {
        consume(run(inputs[next]!));
        next = next + 1 === inputs.length ? 0 : next + 1;
      }
      calls += 16;
      now = process.hrtime.bigint();
    }
    if (round > 0) perRound.push(Number(now - start) / calls); // round 0 warms up the JIT
  }
  return median(perRound);
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
