<?php

declare(strict_types=1);

namespace App\Http;

/**
 * A multipart/form-data body (an upload), read part by part.
 *
 * PHP can fill $_POST and $_FILES by itself, but it forgives too much for the
 * API's rules: a body with the wrong boundary or cut short reads as an empty
 * form, a nameless part is dropped, of two `caption`s the last wins, and
 * `image[]` makes a list. So the project turns that off
 * (enable_post_data_reading, in public/.htaccess and the php -S command) and
 * reads the body here, keeping every part as it came: 400 when the body is not
 * readable multipart/form-data (RFC 7578), and the controller judges the parts.
 */
final class Multipart
{
    /**
     * Every part of `$body`, in order: ['name' => string, 'filename' => ?string,
     * 'data' => string]. A text field has no filename; a file part has one, "" too.
     *
     * @return list<array{name: string, filename: ?string, data: string}>
     */
    public static function parse(string $contentType, string $body): array
    {
        $boundary = self::parameter($contentType, 'boundary');
        if ($boundary === null || $boundary === '') {
            throw self::unreadable('the Content-Type has no boundary');
        }
        $delimiter = '--' . $boundary;
        // The first delimiter starts the body or a line (what comes before it is a preamble).
        $at = str_starts_with($body, $delimiter) ? 0 : strpos($body, "\r\n" . $delimiter);
        if ($at === false) {
            throw self::unreadable('the body does not hold its boundary');
        }
        $at += $at === 0 ? strlen($delimiter) : strlen("\r\n" . $delimiter);
        $parts = [];
        while (true) {
            if (substr($body, $at, 2) === '--') {
                return $parts; // the closing delimiter; what follows is an epilogue
            }
            // After a delimiter: optional spaces, then the end of the line.
            $at += strspn($body, " \t", $at);
            if (substr($body, $at, 2) !== "\r\n") {
                throw self::unreadable('a boundary line does not end where it should');
            }
            $at += 2;
            $headersEnd = substr($body, $at, 2) === "\r\n" ? $at : strpos($body, "\r\n\r\n", $at);
            $next = $headersEnd === false ? false : strpos($body, "\r\n" . $delimiter, $headersEnd + 2);
            if ($next === false) {
                throw self::unreadable('the body ends before its closing boundary');
            }
            $headers = substr($body, $at, $headersEnd - $at);
            $dataStart = $headersEnd === $at ? $at + 2 : $headersEnd + 4;
            $parts[] = self::part($headers, substr($body, $dataStart, max(0, $next - $dataStart)));
            $at = $next + strlen("\r\n" . $delimiter);
        }
    }

    /** @return array{name: string, filename: ?string, data: string} */
    private static function part(string $headers, string $data): array
    {
        $disposition = null;
        foreach (explode("\r\n", $headers) as $line) {
            [$name, $value] = array_pad(explode(':', $line, 2), 2, '');
            if (strtolower(trim($name)) === 'content-disposition') {
                $disposition = trim($value);
            }
        }
        $name = $disposition === null ? null : self::parameter($disposition, 'name');
        // RFC 7578: every part is form-data with a name.
        if ($name === null || $name === '' || !str_starts_with(strtolower($disposition), 'form-data')) {
            throw self::unreadable('a part has no name');
        }
        return ['name' => $name, 'filename' => self::parameter($disposition, 'filename'), 'data' => $data];
    }

    /** A parameter of a header value (`boundary=x`, `name="caption"`), unquoted. */
    private static function parameter(string $header, string $wanted): ?string
    {
        $pattern = '/;\s*([A-Za-z0-9_.*-]+)\s*=\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\s]*))/';
        preg_match_all($pattern, $header, $matches, PREG_SET_ORDER | PREG_UNMATCHED_AS_NULL);
        foreach ($matches as $match) {
            if (strtolower($match[1]) === $wanted) {
                return $match[2] !== null ? stripslashes($match[2]) : (string) $match[3];
            }
        }
        return null;
    }

    private static function unreadable(string $why): ApiError
    {
        return ApiError::badRequest("the body is not readable multipart/form-data: $why");
    }
}
