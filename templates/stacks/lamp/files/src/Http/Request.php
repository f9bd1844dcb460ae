<?php

declare(strict_types=1);

namespace App\Http;

use App\Limits;
use JsonException;
use stdClass;

/**
 * One HTTP request: what the controllers read, instead of PHP's superglobals
 * ($_SERVER, $_GET, $_POST, $_FILES), so that the tests can make requests
 * without a web server.
 */
final class Request
{
    private ?int $viewerId = null;
    private ?string $token = null;

    /**
     * @param string $path the path as sent, still percent-encoded
     * @param array<string, mixed> $query the query string's parameters
     * @param array<string, string> $headers by lower-case name
     * @param resource $body the body, read on demand
     * @param array<string, mixed> $form a form's text fields ($_POST)
     * @param array<string, mixed> $files a form's uploaded files ($_FILES)
     * @param bool $bodyDropped PHP threw the body away: larger than post_max_size
     */
    public function __construct(
        public readonly string $method,
        public readonly string $path,
        public readonly array $query = [],
        private readonly array $headers = [],
        private readonly mixed $body = null,
        public readonly array $form = [],
        public readonly array $files = [],
        public readonly bool $bodyDropped = false,
    ) {
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
        $path = explode('?', (string) ($_SERVER['REQUEST_URI'] ?? '/'), 2)[0];
        // Over post_max_size, PHP discards a POST body before this code runs and
        // leaves $_POST and $_FILES empty: the size is all that tells the story.
        $postMax = ini_parse_quantity((string) ini_get('post_max_size'));
        $dropped = $method === 'POST' && $postMax > 0 && (int) ($headers['content-length'] ?? 0) > $postMax;
        return new self($method, $path, $_GET, $headers, fopen('php://input', 'rb'), $_POST, $_FILES, $dropped);
    }

    /**
     * A request made in code, as the tests do.
     *
     * @param array<string, string> $headers
     * @param array<string, mixed> $form
     * @param array<string, mixed> $files in the shape of $_FILES
     */
    public static function create(
        string $method,
        string $uri,
        array $headers = [],
        string $body = '',
        array $form = [],
        array $files = [],
    ): self {
        [$path, $queryString] = array_pad(explode('?', $uri, 2), 2, '');
        parse_str($queryString, $query);
        $stream = fopen('php://temp', 'r+b');
        fwrite($stream, $body);
        rewind($stream);
        return new self(strtoupper($method), $path, $query, array_change_key_case($headers), $stream, $form, $files);
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
     * The body as a JSON object (an associative array), or a 400 or 413.
     *
     * @return array<string, mixed>
     */
    public function json(): array
    {
        if ($this->mediaType() !== 'application/json') {
            throw ApiError::badRequest('send a JSON object, with Content-Type: application/json');
        }
        // A body sent in chunks has no length to refuse it by (Application::handle()
        // does that for the others): read one byte past the limit to know.
        $raw = $this->body === null ? '' : (string) stream_get_contents($this->body, Limits::JSON_MAX_BYTES + 1);
        if (strlen($raw) > Limits::JSON_MAX_BYTES) {
            throw ApiError::tooLarge('the body must be at most ' . Limits::JSON_MAX_BYTES . ' bytes');
        }
        try {
            // Objects decode to stdClass here, so that a JSON array is told apart
            // from an object. Nesting deeper than 512 levels is an error, not a crash.
            $data = json_decode($raw, false, 512, JSON_THROW_ON_ERROR);
        } catch (JsonException) {
            throw ApiError::badRequest('the body is not valid JSON');
        }
        if (!$data instanceof stdClass) {
            throw ApiError::badRequest('the body must be a JSON object');
        }
        return (array) $data;
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
