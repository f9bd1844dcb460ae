<?php

declare(strict_types=1);

namespace App\Images;

use App\Http\ApiError;
use App\Http\Checks;
use App\Limits;
use finfo;
use RuntimeException;

/**
 * Uploaded images: checked by their bytes, stored under names the server makes,
 * served, deleted.
 *
 * The client's file name and declared Content-Type are never trusted: the type
 * comes from the file's content (finfo reads its "magic number", the first
 * bytes that say what a file is), the name is random, and the extension is the
 * one that matches the content.
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

    /**
     * The temporary file PHP saved the upload `$file` (an entry of $_FILES) to,
     * or null after telling `$checks` what is wrong. A file over the limit is a 413.
     */
    public static function uploadedFile(mixed $file, Checks $checks): ?string
    {
        $error = is_array($file) ? ($file['error'] ?? null) : UPLOAD_ERR_NO_FILE;
        if ($error === UPLOAD_ERR_NO_FILE) {
            $checks->fail('image', 'is required: a JPEG, PNG, GIF or WebP file');
            return null;
        }
        if (!is_int($error)) {
            // image[]=...: several files under one name.
            $checks->fail('image', 'must be one file');
            return null;
        }
        // upload_max_filesize sits a little above the limit, so that this check
        // says so in JSON; PHP would reject a larger file by itself.
        $refused = in_array($error, [UPLOAD_ERR_INI_SIZE, UPLOAD_ERR_FORM_SIZE], true);
        if ($refused || $file['size'] > Limits::IMAGE_MAX_BYTES) {
            throw ApiError::tooLarge('the image must be at most ' . Limits::IMAGE_MAX_BYTES . ' bytes');
        }
        if ($error === UPLOAD_ERR_PARTIAL) {
            throw ApiError::badRequest('the upload was cut off; send it again');
        }
        if ($error !== UPLOAD_ERR_OK) {
            throw new RuntimeException("the upload failed with PHP's error $error (see php.ini's upload settings)");
        }
        return $file['tmp_name'];
    }

    /**
     * Stores the image at `$path` under a new random name (128 bits: unguessable),
     * and returns that name; a 415 when it is not a JPEG, PNG, GIF or WebP image.
     */
    public function save(string $path): string
    {
        $type = (new finfo(FILEINFO_MIME_TYPE))->file($path);
        $extension = array_search($type, self::TYPES, true);
        if ($extension === false) {
            throw ApiError::unsupportedMediaType('the image must be a JPEG, PNG, GIF or WebP file');
        }
        if (!is_dir($this->folder) && !mkdir($this->folder, 0775, true) && !is_dir($this->folder)) {
            throw new RuntimeException("cannot create the upload folder {$this->folder}");
        }
        $name = bin2hex(random_bytes(16)) . '.' . $extension;
        if (!copy($path, $this->folder . '/' . $name)) {
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
