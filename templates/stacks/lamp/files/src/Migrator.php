<?php

declare(strict_types=1);

namespace App;

/**
 * Applies the SQL files of database/migrations, in the order of their names,
 * each one once: the table schema_migrations remembers which ran.
 *
 * To change the schema, add a new file (007_add_edited_at.sql) rather than
 * editing one that already ran: every database, yours and the server's, then
 * gets the same change by running `php bin/migrate.php`.
 */
final class Migrator
{
    public const FOLDER = Config::ROOT . '/database/migrations';

    public function __construct(private readonly Database $db)
    {
    }

    /** @return list<string> the names of the files applied now */
    public function migrate(): array
    {
        $this->db->query(
            'CREATE TABLE IF NOT EXISTS schema_migrations (
                name VARCHAR(255) NOT NULL PRIMARY KEY,
                applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
        );
        $done = array_column($this->db->all('SELECT name FROM schema_migrations'), 'name');
        $applied = [];
        // glob() returns the names sorted: 001_..., 002_..., as they must run.
        foreach (glob(self::FOLDER . '/*.sql') ?: [] as $file) {
            $name = basename($file);
            if (in_array($name, $done, true)) {
                continue;
            }
            // MySQL commits each CREATE TABLE by itself: a file that fails halfway
            // leaves its first tables behind, to drop by hand before running again.
            foreach (self::statements((string) file_get_contents($file)) as $statement) {
                $this->db->query($statement);
            }
            $this->db->query('INSERT INTO schema_migrations (name) VALUES (:name)', ['name' => $name]);
            $applied[] = $name;
        }
        return $applied;
    }

    /** Drops every table of the database, data included: a fresh start. */
    public function dropAll(): void
    {
        $tables = $this->db->all(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
        );
        // Foreign keys would otherwise demand that tables go in a careful order.
        $this->db->query('SET FOREIGN_KEY_CHECKS = 0');
        foreach ($tables as $table) {
            // A name cannot be a placeholder: it is quoted as an identifier instead.
            $this->db->query('DROP TABLE `' . str_replace('`', '``', $table['name']) . '`');
        }
        $this->db->query('SET FOREIGN_KEY_CHECKS = 1');
    }

    /**
     * The statements of a file: each one ends with a semicolon at the end of a line.
     *
     * @return list<string>
     */
    private static function statements(string $sql): array
    {
        $statements = array_map('trim', preg_split('/;\s*$/m', $sql) ?: []);
        return array_values(array_filter($statements, static fn (string $s) => self::hasCode($s)));
    }

    /** Whether a piece of SQL holds more than comments and blank lines. */
    private static function hasCode(string $sql): bool
    {
        return trim((string) preg_replace('/^\s*--.*$/m', '', $sql)) !== '';
    }
}
