<?php

declare(strict_types=1);

namespace App\Queries;

use App\Database;
use App\Http\ApiError;
use App\Http\Pagination;
use App\Json;
use App\Limits;

/**
 * The SELECTs behind the User object.
 *
 * Each count is a subquery in the same statement, so a page of 20 users is one
 * query, not 1 + 20 x 3 (the "N+1" trap of loading counts user by user). The
 * counts are read from the rows themselves, so they are always right, even
 * while others follow and post at the same moment.
 */
final class UserQueries
{
    public function __construct(private readonly Database $db)
    {
    }

    /**
     * The account with this name, ignoring case: its id and password hash, for
     * logging in. A name that could not have been registered matches nobody,
     * without asking the database.
     *
     * @return array{id: int, password_hash: string}|null
     */
    public function findByName(string $username): ?array
    {
        if (preg_match(Limits::USERNAME_PATTERN, $username) !== 1) {
            return null;
        }
        // The column's collation (utf8mb4_unicode_ci) compares ignoring case.
        return $this->db->one(
            'SELECT id, password_hash FROM users WHERE username = :username',
            ['username' => $username],
        );
    }

    /** The id of the user with this name (ignoring case), or a 404. */
    public function idByName(string $username): int
    {
        $user = $this->findByName($username) ?? throw ApiError::notFound('no such user');
        return $user['id'];
    }

    /**
     * The User object, as `$viewer` sees it (null: a visitor).
     *
     * @return array<string, mixed>
     */
    public function profile(int $id, ?int $viewer): array
    {
        [$columns, $params] = $this->columns($viewer);
        $row = $this->db->one("SELECT $columns FROM users u WHERE u.id = :id", $params + ['id' => $id]);
        return Json::user($row ?? throw ApiError::notFound('no such user'));
    }

    /**
     * Who follows the user, newest follow first.
     *
     * @return array{users: list<array<string, mixed>>, next_cursor: string|null}
     */
    public function followers(int $userId, ?int $viewer, Pagination $page): array
    {
        return $this->follows('f.follower_id', 'f.followee_id', $userId, $viewer, $page);
    }

    /**
     * Whom the user follows, newest follow first.
     *
     * @return array{users: list<array<string, mixed>>, next_cursor: string|null}
     */
    public function following(int $userId, ?int $viewer, Pagination $page): array
    {
        return $this->follows('f.followee_id', 'f.follower_id', $userId, $viewer, $page);
    }

    /**
     * The users at one end of the follows whose other end is `$userId`.
     *
     * @return array{users: list<array<string, mixed>>, next_cursor: string|null}
     */
    private function follows(string $listed, string $given, int $userId, ?int $viewer, Pagination $page): array
    {
        [$columns, $params] = $this->columns($viewer);
        $sql = "SELECT $columns, f.created_at AS cursor_at, f.id AS cursor_id
            FROM follows f JOIN users u ON u.id = $listed
            WHERE $given = :user_id";
        [$rows, $next] = $page->fetch($this->db, $sql, $params + ['user_id' => $userId], 'f.created_at', 'f.id');
        return ['users' => array_map([Json::class, 'user'], $rows), 'next_cursor' => $next];
    }

    /**
     * The columns of the User object, for a query on `users u`.
     *
     * @return array{0: string, 1: array<string, int>}
     */
    private function columns(?int $viewer): array
    {
        $columns = 'u.id, u.username, u.bio, u.created_at,
            (SELECT COUNT(*) FROM follows fc WHERE fc.followee_id = u.id) AS followers_count,
            (SELECT COUNT(*) FROM follows fc WHERE fc.follower_id = u.id) AS following_count,
            (SELECT COUNT(*) FROM posts pc WHERE pc.author_id = u.id) AS posts_count';
        if ($viewer === null) {
            return [$columns, []];
        }
        $following = 'EXISTS (SELECT 1 FROM follows fv WHERE fv.follower_id = :viewer AND fv.followee_id = u.id)';
        return ["$columns, $following AS following", ['viewer' => $viewer]];
    }
}
