import { describe, expect, it } from "vitest";
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from "./password";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("encodes the algorithm, its parameters (N ≥ 2^15, r=8, p=1) and a random 16-byte salt", async () => {
    const a = await hashPassword("same password twice");
    const b = await hashPassword("same password twice");
    const [alg, N, r, p, salt, key] = a.split("$");
    expect(alg).toBe("scrypt");
    expect(Number(N)).toBeGreaterThanOrEqual(2 ** 15);
    expect([Number(N), Number(r), Number(p)]).toEqual([SCRYPT_PARAMS.N, 8, 1]);
    expect(Buffer.from(salt, "base64")).toHaveLength(16);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password twice", b)).toBe(true);
  });

  it("verifies with the parameters stored in the hash, so older cheaper hashes keep working", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync("legacy password", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const stored = `scrypt$16384$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword("legacy password", stored)).toBe(true);
    expect(await verifyPassword("legacy passworD", stored)).toBe(false);
  });

  it("treats malformed or tampered hashes as a mismatch instead of throwing", async () => {
    const good = await hashPassword("whatever password");
    const [, , r, p, salt, key] = good.split("$");
    for (const stored of ["", "plain-text", `bcrypt$32768$${r}$${p}$${salt}$${key}`, `scrypt$1000$${r}$${p}$${salt}$${key}`, `scrypt$1073741824$${r}$${p}$${salt}$${key}`, `scrypt$32768$${r}$${p}$${salt}$AAAA`]) {
      expect(await verifyPassword("whatever password", stored)).toBe(false);
    }
  });
});
