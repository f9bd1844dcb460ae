<?php

declare(strict_types=1);

namespace App\Auth;

use RuntimeException;

/**
 * At most `$count` password hashes at once, across every process of the server.
 *
 * Each argon2id hash holds 64 MiB while it runs: twenty log-ins at the same
 * moment would want 1.3 GiB, more than a small server has. Under Apache every
 * request is a PHP process of its own, so a counter in memory would only ever
 * count one; a lock on a file is seen by all of them. The folder holds one file
 * per slot, and a hash runs while its process holds an exclusive flock() on one.
 * The others wait for a slot to come free. The operating system drops a lock
 * when its process ends, even by a crash: a slot is never lost.
 */
final class HashSlots
{
    public function __construct(private readonly string $folder, private readonly int $count)
    {
    }

    /**
     * Runs `$work` once a slot is free, and frees it after.
     *
     * @template T
     * @param callable(): T $work
     * @return T
     */
    public function run(callable $work): mixed
    {
        $slot = $this->acquire();
        try {
            return $work();
        } finally {
            flock($slot, LOCK_UN);
            fclose($slot);
        }
    }

    /** @return resource the open slot file, locked */
    private function acquire(): mixed
    {
        if (!is_dir($this->folder)) {
            // Every user of the machine that runs the project (Apache's www-data,
            // you with php -S or the seed) must be able to add a slot: 1777, as /tmp.
            @mkdir($this->folder, 0777, true);
            @chmod($this->folder, 01777);
        }
        $files = [];
        for ($i = 0; $i < $this->count; $i++) {
            $path = "{$this->folder}/slot-$i";
            // flock() needs no write access: a slot another user made opens for reading.
            $file = @fopen($path, 'c') ?: @fopen($path, 'r');
            if ($file === false) {
                throw new RuntimeException("cannot open the password hash slot $path");
            }
            if (flock($file, LOCK_EX | LOCK_NB)) {
                array_map('fclose', $files);
                return $file;
            }
            $files[] = $file;
        }
        // Every slot is taken: wait for one, chosen at random so that the waiting
        // processes spread over the slots instead of queueing behind the first.
        $chosen = array_splice($files, random_int(0, $this->count - 1), 1)[0];
        array_map('fclose', $files);
        flock($chosen, LOCK_EX);
        return $chosen;
    }
}
