<?php

declare(strict_types=1);

namespace App\Http;

/**
 * Collects the problems of a request's fields, then answers once: a client
 * learns about every mistake at once,
 * {"fields": {"username": "...", "password": "..."}}.
 *
 *     $checks = new Checks();
 *     $bio = $checks->text($data['bio'] ?? null, 'bio', 0, Limits::BIO_MAX);
 *     $checks->done(); // a 422 naming every invalid field, if any
 */
final class Checks
{
    /** @var array<string, string> */
    private array $fields = [];

    public function fail(string $name, string $problem): void
    {
        // The first problem of a field is the one worth reading.
        $this->fields[$name] ??= $problem;
    }

    /**
     * A string of `$min` to `$max` characters (Unicode code points, so an emoji or
     * an accented letter counts once, whatever its size in bytes).
     */
    public function text(mixed $value, string $name, int $min, int $max, bool $blankOk = true): string
    {
        if (!is_string($value) || !mb_check_encoding($value, 'UTF-8')) {
            $this->fail($name, "must be a string of $min-$max characters");
            return '';
        }
        $length = mb_strlen($value, 'UTF-8');
        if ($length < $min || $length > $max) {
            $this->fail($name, "must be a string of $min-$max characters");
        } elseif (!$blankOk && self::isBlank($value)) {
            $this->fail($name, 'must not be only white space');
        }
        return $value;
    }

    /** Nothing but white space, Unicode's included (U+3000, U+00A0): trim() knows only ASCII. */
    public static function isBlank(string $text): bool
    {
        return preg_match('/^[\s\p{Z}]*$/uD', $text) === 1;
    }

    public function done(): void
    {
        if ($this->fields !== []) {
            throw ApiError::validationFailed($this->fields);
        }
    }
}
