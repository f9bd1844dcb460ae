// Password hashing with scrypt, from node:crypto. scrypt is slow and needs
// memory on purpose, so that guessing passwords from a stolen hash costs an
// attacker a great deal; each hash has its own random salt, so equal passwords
// give different hashes; and it uses every character of a long password
// (bcrypt ignores whatever comes after the 72nd byte).

import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt);

// One of OWASP's recommended settings: 32 MiB of memory and a fraction of a
// second per hash. N is the memory and CPU cost, r the block size, p how many
// times over it runs.
export const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 3 };

const KEY_BYTES = 32;

export class Passwords {
  #cost;
  #decoy;

  constructor(cost = DEFAULT_COST) {
    this.#cost = cost;
  }

  /** "scrypt$N$r$p$salt$key": the cost travels with the hash, so raising it later still verifies the older ones. */
  async hash(password) {
    const { N, r, p } = this.#cost;
    const salt = randomBytes(16);
    const key = await derive(password, salt, this.#cost);
    return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
  }

  /**
   * Whether the password matches the stored hash. Pass null for a user who
   * does not exist: the password is then checked against a decoy, so that
   * "no such user" takes as long as "wrong password" and the response time
   * does not tell which usernames exist.
   */
  async verify(stored, password) {
    this.#decoy ??= this.hash("no account has this password");
    const { cost, salt, key } = parse(stored ?? (await this.#decoy));
    const candidate = await derive(password, salt, cost);
    // Compares every byte, whatever the first difference: no timing clue.
    return timingSafeEqual(candidate, key) && stored !== null;
  }

  /** Whether the hash was made with another cost than today's (hash it again at login). */
  needsRehash(stored) {
    const { cost } = parse(stored);
    return cost.N !== this.#cost.N || cost.r !== this.#cost.r || cost.p !== this.#cost.p;
  }
}

function derive(password, salt, { N, r, p }) {
  // scrypt needs 128 * N * r bytes; Node refuses more than 32 MiB unless told.
  return scryptAsync(password, salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r });
}

function parse(stored) {
  const [, N, r, p, salt, key] = stored.split("$");
  return {
    cost: { N: Number(N), r: Number(r), p: Number(p) },
    salt: Buffer.from(salt, "base64"),
    key: Buffer.from(key, "base64"),
  };
}
