/** Reads a required environment variable once, at cold start: a missing one fails the init, not a request. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}
