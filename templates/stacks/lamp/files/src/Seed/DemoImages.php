<?php

declare(strict_types=1);

namespace App\Seed;

/**
 * Small PNG pictures drawn in code, for the demo data: no image library needed.
 *
 * A PNG is a signature and a few chunks (length, type, data, checksum): IHDR
 * gives the size and colour type, IDAT holds the zlib-compressed rows of
 * pixels, IEND ends the file.
 */
final class DemoImages
{
    /**
     * A `$size` x `$size` PNG fading from `$top` to `$bottom`, with a lighter disc
     * in the middle.
     *
     * @param array{int, int, int} $top red, green, blue, 0-255
     * @param array{int, int, int} $bottom
     */
    public static function gradientPng(array $top, array $bottom, int $size = 256): string
    {
        $rows = '';
        $centre = $size / 2;
        $radius = $size / 4;
        for ($y = 0; $y < $size; $y++) {
            $t = $y / ($size - 1);
            $base = '';
            $light = '';
            foreach ([0, 1, 2] as $i) {
                $channel = (int) round($top[$i] + ($bottom[$i] - $top[$i]) * $t);
                $base .= chr($channel);
                $light .= chr(min(255, $channel + 70));
            }
            $rows .= "\0"; // each row starts with its filter type: 0, none
            for ($x = 0; $x < $size; $x++) {
                $inside = ($x - $centre) ** 2 + ($y - $centre) ** 2 <= $radius ** 2;
                $rows .= $inside ? $light : $base;
            }
        }
        $header = pack('NNCCCCC', $size, $size, 8, 2, 0, 0, 0); // 8-bit RGB
        return "\x89PNG\r\n\x1a\n"
            . self::chunk('IHDR', $header)
            . self::chunk('IDAT', (string) gzcompress($rows, 9))
            . self::chunk('IEND', '');
    }

    private static function chunk(string $type, string $data): string
    {
        return pack('N', strlen($data)) . $type . $data . pack('N', crc32($type . $data));
    }
}
