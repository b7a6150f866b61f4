export { DEFAULT_STAGE_GATES, type StageGates, stageGatesSchema } from './domain/gates';
export { workflowManifest } from './manifest';
