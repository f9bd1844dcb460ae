<?php

declare(strict_types=1);

namespace App;

use PDO;
use PDOException;
use PDOStatement;

/**
 * The connection to MySQL or MariaDB, through PDO.
 *
 * Every query goes through query(): a prepared statement with the values bound
 * separately, never pasted into the SQL, so no value can ever change what a
 * statement does (SQL injection). The connection opens on first use: a request
 * for a static file never touches the database.
 */
final class Database
{
    /** MySQL's error for a duplicate key: a unique index refused the row. */
    private const DUPLICATE_KEY = 1062;

    private ?PDO $pdo = null;

    public function __construct(private readonly Config $config)
    {
    }

    public function pdo(): PDO
    {
        if ($this->pdo === null) {
            $dsn = sprintf(
                'mysql:host=%s;port=%d;dbname=%s;charset=utf8mb4',
                $this->config->dbHost,
                $this->config->dbPort,
                $this->config->dbName,
            );
            $this->pdo = new PDO($dsn, $this->config->dbUser, $this->config->dbPassword, [
                // Errors raise exceptions instead of returning false unnoticed.
                PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
                PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
                // Real server-side prepared statements, and numbers come back as ints.
                PDO::ATTR_EMULATE_PREPARES => false,
            ]);
            // Timestamps are stored and compared in UTC, whatever the server's zone.
            $this->pdo->exec("SET time_zone = '+00:00'");
        }
        return $this->pdo;
    }

    /**
     * Prepares `$sql`, binds `$params` (`['id' => 7]` for `:id`) and runs it.
     *
     * @param array<string, int|string|null> $params
     */
    public function query(string $sql, array $params = []): PDOStatement
    {
        $statement = $this->pdo()->prepare($sql);
        foreach ($params as $name => $value) {
            // LIMIT and ids need integers: binding "20" as a string would be an error.
            $type = match (true) {
                is_int($value) => PDO::PARAM_INT,
                $value === null => PDO::PARAM_NULL,
                default => PDO::PARAM_STR,
            };
            $statement->bindValue(':' . $name, $value, $type);
        }
        $statement->execute();
        return $statement;
    }

    /**
     * The first row, or null.
     *
     * @param array<string, int|string|null> $params
     * @return array<string, mixed>|null
     */
    public function one(string $sql, array $params = []): ?array
    {
        $row = $this->query($sql, $params)->fetch();
        return $row === false ? null : $row;
    }

    /**
     * Every row.
     *
     * @param array<string, int|string|null> $params
     * @return list<array<string, mixed>>
     */
    public function all(string $sql, array $params = []): array
    {
        return $this->query($sql, $params)->fetchAll();
    }

    /** The id MySQL gave the row just inserted (AUTO_INCREMENT). */
    public function lastId(): int
    {
        return (int) $this->pdo()->lastInsertId();
    }

    /** Whether `$error` means a unique index refused a row (a name already taken). */
    public static function isDuplicate(PDOException $error): bool
    {
        return ($error->errorInfo[1] ?? null) === self::DUPLICATE_KEY;
    }
}
