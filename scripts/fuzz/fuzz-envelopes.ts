// `npm run fuzz:envelopes -- [--cases N] [--seed S] [--case n]`: the envelope fuzzer
// (scripts/fuzz/envelopes.ts). Prints each failing case (its mutations and a reproduction command)
// on stderr, then one JSON line: {seed, cases, failures, seconds, statuses, codes}. Exit 1 on a failure.
import { fuzz } from './envelopes.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number`);
  return n;
}

async function main(): Promise<number> {
  const seed = arg('seed', 1);
  const only = process.argv.includes('--case') ? arg('case', 0) : undefined;
  const cases = only === undefined ? arg('cases', 200) : only + 1;
  const started = Date.now();
  const result = await fuzz({
    seed,
    cases,
    only,
    onFailure: (c, problem) =>
      console.error(
        `case ${c.no} (${c.endpoint}; ${c.mutations.join(', ') || 'valid'}): ${problem}\n` +
          `  reproduce: npm run fuzz:envelopes -- --seed ${seed} --case ${c.no}\n` +
          `  body: ${c.body.slice(0, 600)}${c.body.length > 600 ? ` … (${c.body.length} chars)` : ''}`
      )
  });
  console.log(
    JSON.stringify({ seed, ...result, seconds: Math.round((Date.now() - started) / 100) / 10 })
  );
  return result.failures ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 2;
  }
);
