<?php

declare(strict_types=1);

namespace App\Http;

/**
 * What the server answers: a status, headers, and a body (a string, or a file
 * to send). Controllers return one; public/index.php sends it.
 */
final class Response
{
    /** @param array<string, string> $headers */
    public function __construct(
        public readonly int $status = 200,
        public readonly array $headers = [],
        public readonly string $body = '',
        public readonly ?string $file = null,
    ) {
    }

    /** @param array<string, mixed> $data */
    public static function json(array $data, int $status = 200): self
    {
        // Slashes and non-ASCII text as they are: "/uploads/a.png", not "\/uploads\/a.png".
        $body = json_encode($data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
        return new self($status, ['Content-Type' => 'application/json'], $body);
    }

    public static function noContent(): self
    {
        return new self(204);
    }

    public static function error(ApiError $error): self
    {
        $body = ['code' => $error->code(), 'message' => $error->getMessage()];
        if ($error->fields !== null) {
            $body['fields'] = $error->fields;
        }
        return self::json(['error' => $body], $error->status)->withHeaders($error->headers);
    }

    /** @param array<string, string> $headers */
    public static function file(string $path, string $contentType, array $headers = []): self
    {
        $headers += ['Content-Type' => $contentType, 'Content-Length' => (string) filesize($path)];
        return new self(200, $headers, '', $path);
    }

    public function header(string $name): ?string
    {
        foreach ($this->headers as $key => $value) {
            if (strcasecmp($key, $name) === 0) {
                return $value;
            }
        }
        return null;
    }

    /** @param array<string, string> $headers added, or replacing those of the same name */
    public function withHeaders(array $headers): self
    {
        return new self($this->status, $headers + $this->headers, $this->body, $this->file);
    }

    /** The body as the client receives it (a file's bytes, read now). */
    public function content(): string
    {
        return $this->file === null ? $this->body : (string) file_get_contents($this->file);
    }

    public function send(): void
    {
        // "X-Powered-By: PHP/8.2.x" would tell attackers which version to look up.
        header_remove('X-Powered-By');
        http_response_code($this->status);
        foreach ($this->headers as $name => $value) {
            header("$name: $value");
        }
        if ($this->file !== null) {
            readfile($this->file);
        } else {
            echo $this->body;
        }
    }
}
