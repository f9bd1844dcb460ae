<?php

declare(strict_types=1);

namespace App\Controllers;

use App\Http\ApiError;
use App\Http\Request;
use App\Http\Response;

/**
 * The web front end: the files of public/, at the site's root.
 *
 * Apache serves them itself (public/.htaccess); this serves them under PHP's
 * development server, and to a request that carries a token, which must be
 * checked even here. Only files of the types below are served: never a .php
 * file's source, never a hidden file such as .htaccess.
 */
final class WebController
{
    private const TYPES = [
        'html' => 'text/html; charset=utf-8',
        'css' => 'text/css; charset=utf-8',
        'js' => 'text/javascript; charset=utf-8',
        'svg' => 'image/svg+xml',
        'png' => 'image/png',
        'ico' => 'image/x-icon',
        'json' => 'application/json',
        'txt' => 'text/plain; charset=utf-8',
    ];

    public function __construct(private readonly string $root)
    {
    }

    public function serve(Request $request): Response
    {
        $path = rawurldecode($request->path);
        if (str_ends_with($path, '/')) {
            $path .= 'index.html';
        }
        // No "..", no hidden files, no NUL byte: only plain names inside the folder.
        $segments = explode('/', ltrim($path, '/'));
        foreach ($segments as $segment) {
            if ($segment === '' || str_starts_with($segment, '.') || str_contains($segment, "\0")) {
                throw ApiError::notFound('no such file');
            }
        }
        $type = self::TYPES[strtolower(pathinfo($path, PATHINFO_EXTENSION))] ?? null;
        $file = $this->root . '/' . implode('/', $segments);
        if ($type === null || !is_file($file)) {
            throw ApiError::notFound('no such file');
        }
        if (!in_array($request->method, ['GET', 'HEAD'], true)) {
            throw ApiError::methodNotAllowed(['GET', 'HEAD']);
        }
        // no-cache: the browser asks again each time, so after an update it never runs
        // an old script against the new API.
        return Response::file($file, $type, ['Cache-Control' => 'no-cache']);
    }
}
