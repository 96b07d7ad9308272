import fc from 'fast-check';

/**
 * Property tests replay like everything else here: every `fc.assert` runs on one seed, so
 * a run that passed passes again and CI never meets a new counterexample by chance.
 * `FC_SEED=<n>` explores another seed; `FC_SEED=random` a fresh one each run (a failure
 * prints the seed and path to replay it).
 */
const chosen = process.env.FC_SEED ?? '20261123';
if (chosen !== 'random') fc.configureGlobal({ seed: Number(chosen) });
