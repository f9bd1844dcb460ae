<?php

/*
 * php bin/migrate.php          applies the SQL files of database/migrations not applied yet
 * php bin/migrate.php --fresh  drops every table first (all the data goes too)
 *
 * The database itself must exist: README.md shows how to create it.
 */

declare(strict_types=1);

use App\Config;
use App\Database;
use App\Migrator;

require __DIR__ . '/../autoload.php';

$config = Config::fromEnvironment();
$migrator = new Migrator(new Database($config));
try {
    if (in_array('--fresh', $argv, true)) {
        $migrator->dropAll();
        echo "Dropped every table of {$config->dbName}." . PHP_EOL;
    }
    $applied = $migrator->migrate();
} catch (PDOException $error) {
    fwrite(STDERR, sprintf(
        "Could not migrate the database %s on %s:%d as %s:\n  %s\n"
            . "Is MySQL running, and do the database and its user exist (README.md)?\n",
        $config->dbName,
        $config->dbHost,
        $config->dbPort,
        $config->dbUser,
        $error->getMessage(),
    ));
    exit(1);
}
foreach ($applied as $name) {
    echo "Applied $name" . PHP_EOL;
}
echo ($applied === [] ? 'The schema was up to date' : 'The schema is up to date') . " in {$config->dbName}." . PHP_EOL;
