export { pages } from './desk.ts';
export { Engine, type EngineEvent, type EngineOptions, type WallClock } from './engine.ts';
export { type Actor, EngineError, engineActor } from './errors.ts';
export { type GuardedAction, type GuardOutcome, guard } from './guard.ts';
export { FORECAST_REFIT_BUDGET } from './predictive.ts';
