<?php

declare(strict_types=1);

namespace App\Http;

use Closure;

/**
 * Maps a method and a path to the code that answers it.
 *
 *     $router->get('/api/posts/{id}', [$posts, 'show']);
 *
 * `{name}` matches one path segment and reaches the handler as the argument
 * `$name`; `{id}` matches only what an id looks like (1 to 18 digits, no
 * leading zero), so "abc" or a 30-digit number is a 404 like any unknown path,
 * and never reaches the database. An unknown path is a 404; a known path with
 * another method a 405 that lists the methods it takes.
 */
final class Router
{
    private const SEGMENT = [
        'id' => '[1-9][0-9]{0,17}',
        'default' => '[^/]+',
    ];

    /** @var list<array{method: string, regex: string, handler: callable}> */
    private array $routes = [];
    private ?Closure $fallback = null;

    public function get(string $pattern, callable $handler): void
    {
        $this->add('GET', $pattern, $handler);
    }

    public function post(string $pattern, callable $handler): void
    {
        $this->add('POST', $pattern, $handler);
    }

    public function put(string $pattern, callable $handler): void
    {
        $this->add('PUT', $pattern, $handler);
    }

    public function patch(string $pattern, callable $handler): void
    {
        $this->add('PATCH', $pattern, $handler);
    }

    public function delete(string $pattern, callable $handler): void
    {
        $this->add('DELETE', $pattern, $handler);
    }

    /** What answers a path no route knows, outside /api (the web front end's files). */
    public function fallback(callable $handler): void
    {
        $this->fallback = Closure::fromCallable($handler);
    }

    public function add(string $method, string $pattern, callable $handler): void
    {
        $regex = preg_replace_callback(
            '/\{(\w+)\}/',
            static fn (array $m) => sprintf('(?P<%s>%s)', $m[1], self::SEGMENT[$m[1]] ?? self::SEGMENT['default']),
            $pattern,
        );
        $this->routes[] = ['method' => $method, 'regex' => "#^$regex$#D", 'handler' => $handler];
    }

    public function dispatch(Request $request): Response
    {
        // HEAD is a GET without the body (the web server drops it).
        $method = $request->method === 'HEAD' ? 'GET' : $request->method;
        $allowed = [];
        foreach ($this->routes as $route) {
            if (preg_match($route['regex'], $request->path, $matches) !== 1) {
                continue;
            }
            if ($route['method'] !== $method) {
                $allowed[] = $route['method'];
                continue;
            }
            // Named captures become named arguments: {username} -> $username.
            $arguments = array_map('rawurldecode', array_filter($matches, 'is_string', ARRAY_FILTER_USE_KEY));
            return ($route['handler'])($request, ...$arguments);
        }
        if ($allowed !== []) {
            if (in_array('GET', $allowed, true)) {
                $allowed[] = 'HEAD';
            }
            throw ApiError::methodNotAllowed($allowed);
        }
        $api = $request->path === '/api' || str_starts_with($request->path, '/api/');
        if ($this->fallback !== null && !$api) {
            return ($this->fallback)($request);
        }
        throw ApiError::notFound('no such path: see the API table in README.md');
    }
}
