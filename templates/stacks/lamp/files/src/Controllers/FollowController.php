<?php

declare(strict_types=1);

namespace App\Controllers;

use App\Database;
use App\Http\ApiError;
use App\Http\Pagination;
use App\Http\Request;
use App\Http\Response;
use App\Queries\UserQueries;

/** Following people, and the lists of who follows whom (newest follow first). */
final class FollowController
{
    public function __construct(private readonly Database $db, private readonly UserQueries $users)
    {
    }

    /** PUT /api/users/{username}/follow: following twice is the same as following once. */
    public function follow(Request $request, string $username): Response
    {
        $me = $request->requireViewer();
        $target = $this->users->idByName($username);
        if ($target === $me) {
            throw ApiError::validationFailed(['username' => 'you cannot follow yourself']);
        }
        // If the pair exists already, the unique key turns the INSERT into a no-op
        // update. Unlike INSERT IGNORE, other errors still raise.
        $this->db->query(
            'INSERT INTO follows (follower_id, followee_id) VALUES (:follower, :followee)
                ON DUPLICATE KEY UPDATE follower_id = follower_id',
            ['follower' => $me, 'followee' => $target],
        );
        return Response::noContent();
    }

    /** DELETE /api/users/{username}/follow: unfollowing someone you do not follow is fine too. */
    public function unfollow(Request $request, string $username): Response
    {
        $me = $request->requireViewer();
        $target = $this->users->idByName($username);
        $this->db->query(
            'DELETE FROM follows WHERE follower_id = :follower AND followee_id = :followee',
            ['follower' => $me, 'followee' => $target],
        );
        return Response::noContent();
    }

    /** GET /api/users/{username}/followers */
    public function followers(Request $request, string $username): Response
    {
        $id = $this->users->idByName($username);
        $page = Pagination::fromRequest($request);
        return Response::json($this->users->followers($id, $request->viewerId(), $page));
    }

    /** GET /api/users/{username}/following */
    public function following(Request $request, string $username): Response
    {
        $id = $this->users->idByName($username);
        $page = Pagination::fromRequest($request);
        return Response::json($this->users->following($id, $request->viewerId(), $page));
    }
}
