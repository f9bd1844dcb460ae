<?php

declare(strict_types=1);

namespace App\Images;

use App\Http\ApiError;
use GdImage;
use RuntimeException;

/**
 * Uploaded images: checked by their bytes, decoded and encoded again, stored
 * under names the server makes, served, deleted.
 *
 * The client's file name and declared Content-Type are never trusted: the type
 * comes from the file's first bytes (its "magic number", the signature every
 * JPEG, PNG, GIF or WebP file starts with), the name is random, and the
 * extension is the one that matches the bytes.
 *
 * What is stored is not the upload itself but its pixels, encoded again by GD
 * (PHP's image extension, Debian's php-gd): a phone's photo carries where it
 * was taken in its EXIF metadata, and a file can be an image and an HTML page
 * at once (a "polyglot"). Only pixels survive a new encoding.
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

    /** @param int $maxPixels the largest image accepted, width times height (MAX_IMAGE_PIXELS) */
    public function __construct(private readonly string $folder, private readonly int $maxPixels = 25_000_000)
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
     * Stores the image `$bytes`, encoded again, under a new random name (128
     * bits: unguessable), and returns that name. A 415 when they are not a JPEG,
     * PNG, GIF or WebP image that decodes; a 422 when it has too many pixels.
     */
    public function save(string $bytes): string
    {
        $extension = self::sniff($bytes);
        if ($extension === null) {
            throw ApiError::unsupportedMediaType('the image must be a JPEG, PNG, GIF or WebP file');
        }
        $bytes = $this->reencode($bytes, $extension);
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

    /**
     * The image's pixels in a new file of the same format, without metadata.
     *
     * A 5 MiB file may claim 50000 x 50000 pixels, which would take 10 GB once
     * decoded (a "decompression bomb"): the size is read from the header first,
     * and such a file refused before a pixel is decoded.
     */
    private function reencode(string $bytes, string $extension): string
    {
        $size = self::headerIsSound($bytes, $extension) ? @getimagesizefromstring($bytes) : false;
        if ($size === false || $size[0] < 1 || $size[1] < 1) {
            throw ApiError::unsupportedMediaType('the image could not be read: a damaged file, or not an image');
        }
        if ($size[0] * $size[1] > $this->maxPixels) {
            throw ApiError::validationFailed(['image' => "must be at most {$this->maxPixels} pixels"]);
        }
        // GD reports a damaged file (cut short, or an image in name only) with a
        // warning, and may still return half a picture: any warning is a refusal.
        error_clear_last();
        $image = @imagecreatefromstring($bytes);
        if ($image === false || error_get_last() !== null) {
            throw ApiError::unsupportedMediaType('the image could not be decoded: a damaged file, or not an image');
        }
        if ($extension === 'jpg') {
            $image = self::orient($image, self::orientation($bytes));
        }
        // Encoders write to the output: catch it.
        ob_start();
        $written = match ($extension) {
            'jpg' => imagejpeg($image, null, 90),
            'png' => imagesavealpha($image, true) && imagepng($image),
            'gif' => imagegif($image),
            'webp' => imagewebp($image, null, 90),
        };
        $encoded = (string) ob_get_clean();
        if (!$written || $encoded === '') {
            throw new RuntimeException("GD could not encode a $extension image");
        }
        return $encoded;
    }

    /**
     * Whether what follows the signature is the format's own header, before the
     * size it gives is believed: `GIF89a<html>...` (a "polyglot", a page that
     * passes for an image) is not a GIF of 26684 x 28020 pixels, but no image.
     * JPEG and WebP headers are checked by getimagesizefromstring() itself.
     */
    private static function headerIsSound(string $bytes, string $extension): bool
    {
        if ($extension === 'png') {
            // The IHDR chunk comes first, and its checksum covers the size.
            $crc = unpack('N', substr($bytes, 29, 4) . "\0\0\0\0")[1];
            return substr($bytes, 12, 4) === 'IHDR' && $crc === crc32(substr($bytes, 12, 17));
        }
        if ($extension === 'gif') {
            // After the screen descriptor and its colour table (when its flag is
            // set), a block: an image (","), an extension ("!") or the end (";").
            $flags = ord($bytes[10] ?? "\0");
            $table = ($flags & 0x80) !== 0 ? 3 * (2 << ($flags & 0x07)) : 0;
            return in_array($bytes[13 + $table] ?? '', [',', '!', ';'], true);
        }
        return true;
    }

    /**
     * The EXIF orientation of a JPEG (1 to 8; 1 is upright): how a phone held
     * sideways says which way is up. It would go with the metadata, so it is
     * applied to the pixels instead. Without PHP's exif extension, 1.
     */
    private static function orientation(string $jpeg): int
    {
        if (!function_exists('exif_read_data')) {
            return 1;
        }
        $exif = @exif_read_data('data://image/jpeg;base64,' . base64_encode($jpeg));
        return is_array($exif) ? (int) ($exif['Orientation'] ?? 1) : 1;
    }

    /** The picture turned upright. imagerotate() turns counter-clockwise. */
    private static function orient(GdImage $image, int $orientation): GdImage
    {
        if (in_array($orientation, [2, 5, 7], true)) {
            imageflip($image, IMG_FLIP_HORIZONTAL);
        }
        $turned = match ($orientation) {
            3 => imagerotate($image, 180, 0),
            4 => imageflip($image, IMG_FLIP_VERTICAL) ? $image : false,
            5, 8 => imagerotate($image, 90, 0),
            6, 7 => imagerotate($image, -90, 0),
            default => $image,
        };
        return $turned === false ? $image : $turned;
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
