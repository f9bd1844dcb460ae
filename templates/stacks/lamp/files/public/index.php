<?php

/*
 * The front controller: every request that is not for a file of public/ ends up
 * here (public/.htaccess sends it under Apache; public/router.php under PHP's
 * development server). It turns PHP's view of the request into a Request, lets
 * the Application answer, and sends the Response.
 */

declare(strict_types=1);

use App\Application;
use App\Config;
use App\Http\ApiError;
use App\Http\Request;
use App\Http\Response;
use App\Http\SecurityHeaders;

require __DIR__ . '/../autoload.php';

// Errors go to the server's error log, never into a response.
ini_set('display_errors', '0');
ini_set('log_errors', '1');

// A warning or a notice is a bug: it becomes an exception, which
// Application::handle() logs and answers with the API's JSON 500.
set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
    if ((error_reporting() & $severity) === 0) {
        return false; // silenced with @: PHP's usual handling
    }
    throw new ErrorException($message, 0, $severity, $file, $line);
});

// A fatal error (out of memory, out of time) stops PHP without an exception:
// answer with the same JSON 500, if nothing has been sent yet.
register_shutdown_function(static function (): void {
    $error = error_get_last();
    $fatal = [E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR];
    if ($error !== null && in_array($error['type'], $fatal, true) && !headers_sent()) {
        SecurityHeaders::apply(Response::error(ApiError::internal()))->send();
    }
});

(new Application(Config::fromEnvironment()))->handle(Request::fromGlobals())->send();
