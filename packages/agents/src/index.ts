export * from './alertops/index.ts';
export * from './orchestrator/index.ts';
export * from './patchops/index.ts';
export * from './predictiveops/index.ts';
export * from './registry/index.ts';
export * from './taskops/index.ts';
export * from './triage/index.ts';
