<?php

declare(strict_types=1);

namespace Tests;

use App\Application;
use App\Config;
use App\Http\Request;

final class HealthTest extends ApiTestCase
{
    public function testHealthIsOkWhenTheDatabaseAnswers(): void
    {
        $response = $this->call('GET', '/healthz');
        $this->assertSame(200, $response->status);
        $this->assertSame(['status' => 'ok'], self::json($response));
    }

    public function testHealthIs503AndTheApiA500WhenTheDatabaseIsDown(): void
    {
        // Nothing listens on port 1: every connection is refused.
        $app = new Application(new Config(dbHost: '127.0.0.1', dbPort: 1, dbPassword: 'secret-password'));
        $health = $app->handle(Request::create('GET', '/healthz'));
        $this->assertSame(503, $health->status);
        $this->assertSame(['status' => 'unavailable'], self::json($health));

        $response = $app->handle(Request::create('GET', '/api/posts'));
        $error = $this->assertError($response, 500, 'internal');
        $this->assertSame('something went wrong on our side', $error['message']);
        // Nothing about the cause: no driver message, no host, no password.
        foreach (['SQLSTATE', 'PDO', '127.0.0.1', 'secret-password', '.php'] as $leak) {
            $this->assertStringNotContainsString($leak, $response->content());
        }
    }
}
