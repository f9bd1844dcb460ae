<?php

declare(strict_types=1);

namespace App\Controllers;

use App\Http\ApiError;
use App\Http\Request;
use App\Http\Response;
use App\Images\ImageStore;

/**
 * GET /uploads/{name}: the stored images. They live outside public/, so that
 * nothing uploaded is ever served, or run, by the web server directly.
 */
final class UploadController
{
    public function __construct(private readonly ImageStore $images)
    {
    }

    public function show(Request $request, string $name): Response
    {
        $path = $this->images->path($name) ?? throw ApiError::notFound('no such image');
        $type = ImageStore::TYPES[pathinfo($path, PATHINFO_EXTENSION)];
        // A stored image never changes (a new upload gets a new name): browsers may keep it.
        return Response::file($path, $type, ['Cache-Control' => 'public, max-age=31536000, immutable']);
    }
}
