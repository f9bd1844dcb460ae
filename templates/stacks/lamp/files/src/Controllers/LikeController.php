<?php

declare(strict_types=1);

namespace App\Controllers;

use App\Database;
use App\Http\Request;
use App\Http\Response;
use App\Queries\PostQueries;

/** Liking: PUT and DELETE are idempotent, so a client simply says what it wants. */
final class LikeController
{
    public function __construct(private readonly Database $db, private readonly PostQueries $posts)
    {
    }

    /** PUT /api/posts/{id}/like */
    public function like(Request $request, string $id): Response
    {
        $me = $request->requireViewer();
        $this->posts->row((int) $id);
        // The primary key (user_id, post_id) makes a second like a no-op update.
        $this->db->query(
            'INSERT INTO likes (user_id, post_id) VALUES (:user_id, :post_id)
                ON DUPLICATE KEY UPDATE post_id = post_id',
            ['user_id' => $me, 'post_id' => (int) $id],
        );
        return Response::noContent();
    }

    /** DELETE /api/posts/{id}/like */
    public function unlike(Request $request, string $id): Response
    {
        $me = $request->requireViewer();
        $this->posts->row((int) $id);
        $this->db->query(
            'DELETE FROM likes WHERE user_id = :user_id AND post_id = :post_id',
            ['user_id' => $me, 'post_id' => (int) $id],
        );
        return Response::noContent();
    }
}
