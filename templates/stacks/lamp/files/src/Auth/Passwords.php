<?php

declare(strict_types=1);

namespace App\Auth;

/**
 * Password hashing with argon2id, through PHP's password_hash().
 *
 * argon2 is slow and needs memory on purpose, so that guessing passwords from a
 * stolen hash costs an attacker a great deal. Each hash carries its own random
 * salt and its costs ("$argon2id$v=19$m=65536,t=4,p=1$..."), and, unlike bcrypt,
 * argon2 uses every character of a long password.
 */
final class Passwords
{
    /** @param array<string, int> $options memory_cost (KiB), time_cost, threads; empty for PHP's defaults */
    public function __construct(private readonly array $options = [])
    {
    }

    public function hash(string $password): string
    {
        return password_hash($password, PASSWORD_ARGON2ID, $this->options);
    }

    /**
     * Whether the password matches the hash. For a username that does not exist,
     * pass null: the password is hashed anyway, which takes as long as checking
     * it, so the response time does not tell which usernames exist.
     */
    public function verify(string $password, ?string $hash): bool
    {
        if ($hash === null) {
            $this->hash($password);
            return false;
        }
        return password_verify($password, $hash);
    }

    /** Whether the hash was made with other costs than today's: upgrade it at login. */
    public function needsRehash(string $hash): bool
    {
        return password_needs_rehash($hash, PASSWORD_ARGON2ID, $this->options);
    }
}
