<?php

declare(strict_types=1);

namespace App\Http;

use RuntimeException;

/**
 * An error the API answers with, as JSON:
 * {"error": {"code": "not_found", "message": "no such post"}}.
 *
 * Controllers throw it; Application::handle() turns it into the response. The
 * machine-readable code follows from the HTTP status, as API.md lists them.
 */
final class ApiError extends RuntimeException
{
    private const CODES = [
        400 => 'bad_request',
        401 => 'unauthorized',
        403 => 'forbidden',
        404 => 'not_found',
        405 => 'method_not_allowed',
        408 => 'request_timeout',
        409 => 'conflict',
        413 => 'payload_too_large',
        415 => 'unsupported_media_type',
        422 => 'validation_failed',
        429 => 'rate_limited',
        500 => 'internal',
    ];

    /**
     * @param array<string, string>|null $fields for 422: each invalid field and its problem
     * @param array<string, string> $headers extra response headers (405 says which methods work)
     */
    public function __construct(
        public readonly int $status,
        string $message,
        public readonly ?array $fields = null,
        public readonly array $headers = [],
    ) {
        parent::__construct($message);
    }

    public function code(): string
    {
        return self::CODES[$this->status];
    }

    public static function badRequest(string $message): self
    {
        return new self(400, $message);
    }

    public static function unauthorized(string $message = 'log in first'): self
    {
        return new self(401, $message);
    }

    public static function forbidden(string $message): self
    {
        return new self(403, $message);
    }

    public static function notFound(string $message): self
    {
        return new self(404, $message);
    }

    /** @param list<string> $allowed */
    public static function methodNotAllowed(array $allowed): self
    {
        return new self(405, 'this path does not accept that method', null, ['Allow' => implode(', ', $allowed)]);
    }

    /** Apache gave up waiting for the rest of a request (RequestReadTimeout). */
    public static function requestTimeout(): self
    {
        return new self(408, 'the request did not arrive in time');
    }

    public static function conflict(string $message): self
    {
        return new self(409, $message);
    }

    public static function tooLarge(string $message): self
    {
        return new self(413, $message);
    }

    public static function unsupportedMediaType(string $message): self
    {
        return new self(415, $message);
    }

    /**
     * 422, naming every invalid field: "body must be 1-280 characters".
     *
     * @param array<string, string> $fields
     */
    public static function validationFailed(array $fields): self
    {
        $problems = [];
        foreach ($fields as $name => $problem) {
            $problems[] = "$name $problem";
        }
        return new self(422, implode('; ', $problems), $fields);
    }

    /** 429, and when to try again: Retry-After is in whole seconds. */
    public static function rateLimited(int $retryAfter): self
    {
        return new self(
            429,
            "too many attempts, try again in $retryAfter seconds",
            null,
            ['Retry-After' => (string) $retryAfter],
        );
    }

    public static function internal(): self
    {
        // Says nothing about the cause: the details go to the server's error log only.
        return new self(500, 'something went wrong on our side');
    }
}
