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
use App\Limits;
use App\Queries\UserQueries;
use PDOException;

/** Accounts: sign up, profiles, and the caller's own profile (/api/me). */
final class UserController
{
    public function __construct(
        private readonly Database $db,
        private readonly UserQueries $users,
        private readonly Passwords $passwords,
        private readonly Tokens $tokens,
    ) {
    }

    /** POST /api/users */
    public function signUp(Request $request): Response
    {
        $data = $request->json();
        $checks = new Checks();
        $username = $data['username'] ?? null;
        if (!is_string($username) || preg_match(Limits::USERNAME_PATTERN, $username) !== 1) {
            $checks->fail(
                'username',
                sprintf('must be %d-%d letters, digits or underscores', Limits::USERNAME_MIN, Limits::USERNAME_MAX),
            );
        }
        $password = $checks->text($data['password'] ?? null, 'password', Limits::PASSWORD_MIN, Limits::PASSWORD_MAX);
        $checks->done();

        try {
            $this->db->query(
                'INSERT INTO users (username, password_hash) VALUES (:username, :password_hash)',
                ['username' => $username, 'password_hash' => $this->passwords->hash($password)],
            );
        } catch (PDOException $error) {
            // The unique index, not an earlier SELECT, decides: two sign-ups racing
            // for the same name cannot both win.
            if (Database::isDuplicate($error)) {
                throw ApiError::conflict('this username is already taken');
            }
            throw $error;
        }
        $id = $this->db->lastId();
        $token = $this->tokens->issue($id);
        return Response::json(['user' => $this->users->profile($id, null), 'token' => $token], 201);
    }

    /** GET /api/users/{username} */
    public function show(Request $request, string $username): Response
    {
        $id = $this->users->idByName($username);
        return Response::json(['user' => $this->users->profile($id, $request->viewerId())]);
    }

    /** GET /api/me */
    public function me(Request $request): Response
    {
        $me = $request->requireViewer();
        return Response::json(['user' => $this->users->profile($me, $me)]);
    }

    /** PATCH /api/me: only the fields sent change; unknown fields are ignored. */
    public function updateMe(Request $request): Response
    {
        $me = $request->requireViewer();
        $data = $request->json();
        $checks = new Checks();
        if (array_key_exists('bio', $data)) {
            $bio = $checks->text($data['bio'], 'bio', 0, Limits::BIO_MAX);
            $checks->done();
            $this->db->query('UPDATE users SET bio = :bio WHERE id = :id', ['bio' => $bio, 'id' => $me]);
        }
        return Response::json(['user' => $this->users->profile($me, $me)]);
    }
}
