<?php

declare(strict_types=1);

namespace App\Images;

use App\Http\ApiError;
use RuntimeException;

/**
 * Uploaded images: checked by their bytes, stored under names the server makes,
 * served, deleted.
 *
 * The client's file name and declared Content-Type are never trusted: the type
 * comes from the file's first bytes (its "magic number", the signature every
 * JPEG, PNG, GIF or WebP file starts with), the name is random, and the
 * extension is the one that matches the bytes.
 */
final class ImageStore
{
    /** The types accepted, by the extension they are stored under. */
    public const TYPES = [
        'jpg' => 'image/jpeg',
        'png' => 'image/png',
        'gif' => 'image/gif',
        'webp' => 'image/webp',
    ];
    /** The names save() gives: only such names are ever read or deleted. */
    private const NAME = '/^[0-9a-f]{32}\.(jpg|png|gif|webp)$/D';

    public function __construct(private readonly string $folder)
    {
    }

    /** The extension for JPEG, PNG, GIF or WebP bytes, or null for anything else. */
    private static function sniff(string $bytes): ?string
    {
        return match (true) {
            str_starts_with($bytes, "\xFF\xD8\xFF") => 'jpg',
            str_starts_with($bytes, "\x89PNG\r\n\x1A\n") => 'png',
            str_starts_with($bytes, 'GIF87a'), str_starts_with($bytes, 'GIF89a') => 'gif',
            substr($bytes, 0, 4) === 'RIFF' && substr($bytes, 8, 4) === 'WEBP' => 'webp',
            default => null,
        };
    }

    /**
     * Stores the image `$bytes` under a new random name (128 bits: unguessable),
     * and returns that name; a 415 when they are not a JPEG, PNG, GIF or WebP image.
     */
    public function save(string $bytes): string
    {
        $extension = self::sniff($bytes);
        if ($extension === null) {
            throw ApiError::unsupportedMediaType('the image must be a JPEG, PNG, GIF or WebP file');
        }
        if (!is_dir($this->folder) && !mkdir($this->folder, 0775, true) && !is_dir($this->folder)) {
            throw new RuntimeException("cannot create the upload folder {$this->folder}");
        }
        $name = bin2hex(random_bytes(16)) . '.' . $extension;
        // "x": never overwrite, should two names ever collide.
        $file = fopen($this->folder . '/' . $name, 'xb');
        if ($file === false || fwrite($file, $bytes) !== strlen($bytes) || !fclose($file)) {
            throw new RuntimeException("cannot write to the upload folder {$this->folder}");
        }
        return $name;
    }

    /** The stored file's path, or null when there is no such image. */
    public function path(string $name): ?string
    {
        $path = $this->folder . '/' . $name;
        return preg_match(self::NAME, $name) === 1 && is_file($path) ? $path : null;
    }

    public function delete(string $name): void
    {
        $path = $this->path($name);
        if ($path !== null) {
            unlink($path);
        }
    }

    /** Deletes every stored image (the seed's --reset), and nothing else in the folder. */
    public function deleteAll(): void
    {
        foreach (glob($this->folder . '/*') ?: [] as $path) {
            $this->delete(basename($path));
        }
    }
}
