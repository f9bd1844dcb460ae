<?php

declare(strict_types=1);

namespace App\Controllers;

use App\Auth\Passwords;
use App\Auth\Tokens;
use App\Database;
use App\Http\ApiError;
use App\Http\Checks;
use App\Http\Request;
use App\Http\Response;
use App\Queries\UserQueries;

/** Logging in (a new token each time) and out (revoking the token used). */
final class SessionController
{
    public function __construct(
        private readonly Database $db,
        private readonly UserQueries $users,
        private readonly Passwords $passwords,
        private readonly Tokens $tokens,
    ) {
    }

    /** POST /api/sessions */
    public function logIn(Request $request): Response
    {
        $data = $request->json();
        $checks = new Checks();
        $username = $data['username'] ?? null;
        $password = $data['password'] ?? null;
        if (!is_string($username)) {
            $checks->fail('username', 'must be a string');
        }
        if (!is_string($password)) {
            $checks->fail('password', 'must be a string');
        }
        $checks->done();

        $user = $this->users->findByName($username);
        // One answer for "no such user" and "wrong password": telling them apart
        // would let anyone find out who has an account.
        if (!$this->passwords->verify($password, $user['password_hash'] ?? null)) {
            throw ApiError::unauthorized('wrong username or password');
        }
        if ($this->passwords->needsRehash($user['password_hash'])) {
            $this->db->query(
                'UPDATE users SET password_hash = :password_hash WHERE id = :id',
                ['password_hash' => $this->passwords->hash($password), 'id' => $user['id']],
            );
        }
        $token = $this->tokens->issue($user['id']);
        return Response::json(['user' => $this->users->profile($user['id'], null), 'token' => $token]);
    }

    /** DELETE /api/sessions */
    public function logOut(Request $request): Response
    {
        $request->requireViewer();
        $this->tokens->revoke((string) $request->token());
        return Response::noContent();
    }
}
