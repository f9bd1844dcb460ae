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

// Apache answers a few requests itself, before any routing. apache/vhost.conf
// hands those errors here (ErrorDocument), so that they are JSON like the
// API's own, and such a request is never run:
// - TRACE, which Apache refuses (TraceEnable Off): the application answers it
//   as any method it does not know, 405 with the Allow of that path;
// - a path with a broken %-escape (/api/users/a%ZZb): 404, as for any name or
//   id that cannot exist (/api/users/%FF);
// - any other: 400.
$apacheStatus = (string) ($_SERVER['REDIRECT_STATUS'] ?? '200');
if ($apacheStatus === '405' && ($_SERVER['REDIRECT_REQUEST_METHOD'] ?? '') === 'TRACE') {
    $_SERVER['REQUEST_METHOD'] = 'TRACE';
} elseif ($apacheStatus !== '200') {
    $path = explode('?', (string) ($_SERVER['REQUEST_URI'] ?? '/'), 2)[0];
    $error = preg_match('/%(?![0-9A-Fa-f]{2})/', $path) === 1
        ? ApiError::notFound('nothing here: the path has a broken %-escape')
        : ApiError::badRequest('the server could not read this request');
    SecurityHeaders::apply(Response::error($error))->send();
    return;
}

(new Application(Config::fromEnvironment()))->handle(Request::fromGlobals())->send();
