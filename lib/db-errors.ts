// Prisma error helpers shared by every domain (both generated clients throw
// errors with the same `code`).
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
