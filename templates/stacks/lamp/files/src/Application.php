<?php

declare(strict_types=1);

namespace App;

use App\Auth\Tokens;
use App\Http\ApiError;
use App\Http\Request;
use App\Http\Response;
use App\Http\Router;
use App\Http\SecurityHeaders;
use Throwable;

/**
 * The application: a request in, a response out.
 *
 * public/index.php makes one per request from the environment; the tests make
 * one per test, against their own database, and call handle() directly.
 */
final class Application
{
    private readonly Router $router;
    private readonly Tokens $tokens;

    public function __construct(Config $config)
    {
        $db = new Database($config);
        $this->tokens = new Tokens($db);
        $this->router = new Router();
        Routes::register($this->router, $db, $config, $this->tokens);
    }

    /** Every error, even a crash, leaves as the API's JSON: never a stack trace. */
    public function handle(Request $request): Response
    {
        try {
            self::limitBody($request);
            $response = $this->router->dispatch($this->tokens->authenticate($request));
        } catch (ApiError $error) {
            $response = Response::error($error);
        } catch (Throwable $error) {
            // The details, with the stack trace, go to the server's error log only.
            error_log(sprintf('%s %s: %s', $request->method, $request->path, $error));
            $response = Response::error(ApiError::internal());
        }
        return SecurityHeaders::apply($response);
    }

    /**
     * Any body but an upload is held to the JSON limit, whatever the route does
     * with it: refused by its declared size, before a byte of it is read.
     */
    private static function limitBody(Request $request): void
    {
        $length = (int) $request->header('content-length');
        if ($length > Limits::JSON_MAX_BYTES && $request->mediaType() !== 'multipart/form-data') {
            throw ApiError::tooLarge('the body must be at most ' . Limits::JSON_MAX_BYTES . ' bytes');
        }
    }
}
