<?php

/*
 * The class loader. Classes live in src/ under the App\ namespace and tests in
 * tests/ under Tests\, one class per file, the file named after the class (PSR-4):
 * App\Http\Router is src/Http/Router.php.
 *
 * With Composer, `composer install` writes the same mapping (see composer.json)
 * to vendor/autoload.php, which wins when it exists. Without it, these few lines
 * do the job, so the project runs with PHP alone.
 */

declare(strict_types=1);

if (is_file(__DIR__ . '/vendor/autoload.php')) {
    require __DIR__ . '/vendor/autoload.php';
    return;
}

spl_autoload_register(static function (string $class): void {
    $folders = ['App\\' => __DIR__ . '/src/', 'Tests\\' => __DIR__ . '/tests/'];
    foreach ($folders as $prefix => $folder) {
        if (str_starts_with($class, $prefix)) {
            $file = $folder . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
            return;
        }
    }
});
