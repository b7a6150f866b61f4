export { submissionsManifest } from './manifest';
