/** `create-innovation` → `CreateInnovation`: construct ids and output names derived from manifest names. */
export function pascalCase(kebab: string): string {
  return kebab
    .split(/[^a-zA-Z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}
