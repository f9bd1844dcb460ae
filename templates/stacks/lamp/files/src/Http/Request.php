<?php

declare(strict_types=1);

namespace App\Http;

use App\Limits;
use JsonException;

/**
 * One HTTP request: what the controllers read, instead of PHP's superglobals
 * ($_SERVER, $_GET), so that the tests can make requests without a web server.
 * The body is read here, as it came: JSON by json(), an upload by Multipart.
 */
final class Request
{
    private ?int $viewerId = null;
    private ?string $token = null;

    /**
     * @param string $path the path as sent, still percent-encoded
     * @param array<string, list<string>> $query every value of each query parameter
     * @param array<string, string> $headers by lower-case name
     * @param resource $body the body, read on demand
     */
    public function __construct(
        public readonly string $method,
        public readonly string $path,
        public readonly array $query = [],
        private readonly array $headers = [],
        private readonly mixed $body = null,
    ) {
    }

    /**
     * The parameters of a query string, each with all its values in order.
     * PHP's $_GET keeps only the last of `limit=1&limit=2`, and makes a list of
     * `limit[]=1`: the API calls both a mistake, so the string is read here.
     *
     * @return array<string, list<string>>
     */
    public static function parseQuery(string $queryString): array
    {
        $query = [];
        foreach (explode('&', $queryString) as $pair) {
            if ($pair === '') {
                continue;
            }
            [$name, $value] = array_pad(explode('=', $pair, 2), 2, '');
            // urldecode(): "+" is a space in a query string, as browsers send it.
            $query[urldecode($name)][] = urldecode($value);
        }
        return $query;
    }

    /** The request PHP received from the web server. */
    public static function fromGlobals(): self
    {
        $headers = [];
        foreach ($_SERVER as $key => $value) {
            // Headers arrive as HTTP_USER_AGENT and the like; two without the prefix.
            if (str_starts_with($key, 'HTTP_')) {
                $headers[strtolower(str_replace('_', '-', substr($key, 5)))] = (string) $value;
            } elseif (in_array($key, ['CONTENT_TYPE', 'CONTENT_LENGTH'], true) && $value !== '') {
                $headers[strtolower(str_replace('_', '-', $key))] = (string) $value;
            }
        }
        $method = strtoupper((string) ($_SERVER['REQUEST_METHOD'] ?? 'GET'));
        [$path, $queryString] = array_pad(explode('?', (string) ($_SERVER['REQUEST_URI'] ?? '/'), 2), 2, '');
        return new self($method, $path, self::parseQuery($queryString), $headers, fopen('php://input', 'rb'));
    }

    /**
     * A request made in code, as the tests do.
     *
     * @param array<string, string> $headers
     */
    public static function create(string $method, string $uri, array $headers = [], string $body = ''): self
    {
        [$path, $queryString] = array_pad(explode('?', $uri, 2), 2, '');
        $stream = fopen('php://temp', 'r+b');
        fwrite($stream, $body);
        rewind($stream);
        return new self(strtoupper($method), $path, self::parseQuery($queryString), array_change_key_case($headers), $stream);
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }

    /** The Content-Type without its parameters: "multipart/form-data". */
    public function mediaType(): string
    {
        return strtolower(trim(explode(';', $this->header('content-type') ?? '', 2)[0]));
    }

    /**
     * The whole body, or a 413 when it is longer than `$max` bytes. A body sent
     * in chunks has no length to refuse it by (Application::handle() does that
     * for the others): one byte past the limit is read to know.
     */
    public function body(int $max): string
    {
        $raw = $this->body === null ? '' : (string) stream_get_contents($this->body, $max + 1);
        if (strlen($raw) > $max) {
            throw ApiError::tooLarge("the body must be at most $max bytes");
        }
        return $raw;
    }

    /**
     * The body as a JSON object (an associative array), or a 400 or 413.
     * Read whatever the Content-Type says (curl's -d sends a form's).
     *
     * @return array<string, mixed>
     */
    public function json(): array
    {
        $raw = $this->body(Limits::JSON_MAX_BYTES);
        try {
            // Arrays, not stdClass: a key may be any string, "\u0000a" too, which
            // no object property can be. Invalid UTF-8, a byte-order mark and a
            // lone surrogate ("\ud800") are errors of json_decode itself.
            $data = json_decode($raw, true, 512, JSON_THROW_ON_ERROR);
        } catch (JsonException) {
            throw ApiError::badRequest('the body is not valid JSON');
        }
        // As arrays, {} and [] look the same: an object is what starts with "{".
        if (!is_array($data) || !str_starts_with(ltrim($raw, " \t\n\r"), '{')) {
            throw ApiError::badRequest('the body must be a JSON object');
        }
        return $data;
    }

    /** The same request, made by this logged-in user with this token. */
    public function withViewer(int $userId, string $token): self
    {
        $request = clone $this;
        $request->viewerId = $userId;
        $request->token = $token;
        return $request;
    }

    /** The logged-in user's id, or null for a visitor without a token. */
    public function viewerId(): ?int
    {
        return $this->viewerId;
    }

    /** The logged-in user's id, or a 401 for a visitor. */
    public function requireViewer(): int
    {
        return $this->viewerId ?? throw ApiError::unauthorized();
    }

    public function token(): ?string
    {
        return $this->token;
    }
}
