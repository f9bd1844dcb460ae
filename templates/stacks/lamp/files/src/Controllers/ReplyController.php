<?php

declare(strict_types=1);

namespace App\Controllers;

use App\Http\Pagination;
use App\Http\Request;
use App\Http\Response;
use App\Queries\PostQueries;

/** GET /api/posts/{id}/replies: a conversation reads top to bottom, so oldest first. */
final class ReplyController
{
    public function __construct(private readonly PostQueries $posts)
    {
    }

    public function index(Request $request, string $id): Response
    {
        $this->posts->row((int) $id);
        $page = Pagination::fromRequest($request);
        $where = 'p.reply_to_id = :post';
        return Response::json($this->posts->page($where, ['post' => (int) $id], $request->viewerId(), $page, false));
    }
}
