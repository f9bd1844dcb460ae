<?php

declare(strict_types=1);

namespace App\Auth;

use App\Database;
use App\Http\ApiError;
use App\Http\Request;

/**
 * Bearer tokens: issued at sign-up and login, sent back by the client as
 * `Authorization: Bearer <token>`, revoked by logging out.
 *
 * A token is 32 random bytes from the operating system's secure generator
 * (random_bytes). The database keeps only its SHA-256: someone who steals a
 * copy of the database gets no working token. A fast hash is enough here,
 * because a token is random; a password is not (see Passwords).
 */
final class Tokens
{
    public function __construct(private readonly Database $db)
    {
    }

    /** A new session for the user; the token is shown to the client once, and never stored. */
    public function issue(int $userId): string
    {
        $token = rtrim(strtr(base64_encode(random_bytes(32)), '+/', '-_'), '=');
        $this->db->query(
            'INSERT INTO tokens (user_id, token_hash) VALUES (:user_id, :token_hash)',
            ['user_id' => $userId, 'token_hash' => self::digest($token)],
        );
        return $token;
    }

    public function revoke(string $token): void
    {
        $this->db->query('DELETE FROM tokens WHERE token_hash = :token_hash', ['token_hash' => self::digest($token)]);
    }

    /**
     * The request with its user, when it carries a valid token. A token that is
     * sent but not valid is a 401 everywhere, even where none is needed: quietly
     * treating the caller as a visitor would hide a logged-out client's bug.
     */
    public function authenticate(Request $request): Request
    {
        $header = $request->header('authorization');
        if ($header === null) {
            return $request;
        }
        if (preg_match('/^Bearer +(\S+) *$/iD', $header, $match) !== 1) {
            throw ApiError::unauthorized('the Authorization header must be: Bearer <token>');
        }
        $row = $this->db->one(
            'SELECT user_id FROM tokens WHERE token_hash = :token_hash',
            ['token_hash' => self::digest($match[1])],
        );
        if ($row === null) {
            throw ApiError::unauthorized('this token is not valid (revoked by logging out, or mistyped)');
        }
        return $request->withViewer((int) $row['user_id'], $match[1]);
    }

    private static function digest(string $token): string
    {
        return hash('sha256', $token);
    }
}
