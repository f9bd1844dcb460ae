<?php

declare(strict_types=1);

namespace Tests;

use App\Http\Request;
use App\Limits;

final class ErrorsTest extends ApiTestCase
{
    public function testUnknownApiPathsAreJson404WhateverTheMethod(): void
    {
        foreach (['/api/nope', '/api/users/alice/nope', '/api', '/api/'] as $path) {
            foreach (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as $method) {
                $this->assertError($this->call($method, $path), 404, 'not_found');
            }
        }
    }

    public function testKnownPathsWithTheWrongMethodAreJson405(): void
    {
        $cases = [
            ['GET', '/api/sessions', 'POST, DELETE'],
            ['PUT', '/api/users', 'POST'],
            ['PATCH', '/api/posts', 'GET, POST, HEAD'],
            ['POST', '/api/me', 'GET, PATCH, HEAD'],
            ['POST', '/healthz', 'GET, HEAD'],
            ['DELETE', '/api/feed', 'GET, HEAD'],
            ['POST', '/api/users/alice/followers', 'GET, HEAD'],
        ];
        foreach ($cases as [$method, $path, $allow]) {
            $response = $this->call($method, $path);
            $this->assertError($response, 405, 'method_not_allowed');
            $this->assertSame($allow, $response->header('Allow'), "$method $path");
        }
    }

    public function testBodiesThatAreNotAJsonObjectAre400(): void
    {
        $bodies = [
            '',
            '{',
            'not json',
            '[1, 2]',
            '"a string"',
            'null',
            '42',
            "{\"username\": \"\xff\xfe\"}",
            // A byte-order mark, lone surrogates in a value and in a key, an empty array.
            "\xEF\xBB\xBF{\"username\": \"alice\", \"password\": \"password123\"}",
            '{"username": "alice", "password": "\\ud800password123"}',
            '{"username": "alice", "password": "password123", "\\udfff": 1}',
            '[]',
            str_repeat('[', 10000) . str_repeat(']', 10000),
            str_repeat('{"a": ', 10000) . '1' . str_repeat('}', 10000),
        ];
        foreach ($bodies as $body) {
            $response = $this->send('POST', '/api/users', 'application/json', $body);
            $this->assertError($response, 400, 'bad_request');
        }
    }

    public function testBodiesThatAreNotJsonAtAllAre400(): void
    {
        $form = $this->send('POST', '/api/sessions', 'application/x-www-form-urlencoded', 'username=a&password=b');
        $this->assertError($form, 400, 'bad_request');
        $this->assertError($this->get('/api/users/alice'), 404, 'not_found'); // nothing made
    }

    public function testJsonIsReadWhateverTheContentType(): void
    {
        // Any key is allowed, a NUL in it too; keys the endpoint does not know are ignored.
        $body = '{"username": "alice", "password": "password123", "\\u0000key": 1}';
        foreach (['', 'text/plain', 'application/x-www-form-urlencoded'] as $index => $type) {
            $response = $this->send('POST', '/api/users', $type, str_replace('alice', "alice$index", $body));
            $this->assertSame(201, $response->status, "Content-Type '$type': " . $response->content());
        }
    }

    public function testJsonBodiesUpTo1MibAreRead(): void
    {
        $head = '{"username": "alice", "password": "password123", "padding": "';
        $body = $head . str_repeat('x', Limits::JSON_MAX_BYTES - strlen($head) - 2) . '"}';
        $this->assertSame(Limits::JSON_MAX_BYTES, strlen($body));
        $this->assertSame(201, $this->send('POST', '/api/users', 'application/json', $body)->status);
    }

    public function testJsonBodiesOver1MibAreJson413(): void
    {
        $token = $this->signUp('alice');
        $body = '{"body": "' . str_repeat('x', Limits::JSON_MAX_BYTES) . '"}';
        $routes = [['POST', '/api/users'], ['POST', '/api/sessions'], ['POST', '/api/posts'], ['PATCH', '/api/me']];
        foreach ($routes as [$method, $path]) {
            $response = $this->send($method, $path, 'application/json', $body, $token);
            $this->assertError($response, 413, 'payload_too_large');
        }
    }

    public function testABodyWithoutALengthIsStillHeldToTheLimit(): void
    {
        // Sent in chunks, a body has no Content-Length to check before reading it.
        $body = '{"username": "' . str_repeat('x', Limits::JSON_MAX_BYTES) . '", "password": "password123"}';
        $json = ['Content-Type' => 'application/json'];
        $response = $this->app->handle(Request::create('POST', '/api/users', $json, $body));
        $this->assertError($response, 413, 'payload_too_large');
        $small = '{"username": "alice", "password": "password123"}';
        $this->assertSame(201, $this->app->handle(Request::create('POST', '/api/users', $json, $small))->status);
    }

    public function testAnInvalidTokenIs401EvenOnPublicEndpoints(): void
    {
        $this->signUp('alice');
        $paths = [
            ['GET', '/healthz'], ['GET', '/'], ['GET', '/api/posts'], ['GET', '/api/users/alice'],
            ['GET', '/api/users/alice/followers'], ['GET', '/api/users/alice/posts'],
            ['POST', '/api/users'], ['POST', '/api/sessions'], ['GET', '/api/nope'],
        ];
        foreach ($paths as [$method, $path]) {
            foreach (['Bearer not-a-real-token', 'Bearer ', 'Basic YWxpY2U6cHc=', 'nonsense'] as $header) {
                $body = ['username' => 'bob', 'password' => 'password123'];
                $response = $this->call($method, $path, $body, null, ['Authorization' => $header]);
                $this->assertError($response, 401, 'unauthorized');
            }
        }
        // And nothing happened: bob was not signed up.
        $this->assertSame(404, $this->call('GET', '/api/users/bob')->status);
    }

    public function testTheBearerSchemeIsCaseInsensitive(): void
    {
        $token = $this->signUp('alice');
        $response = $this->call('GET', '/api/me', null, null, ['Authorization' => "bearer $token"]);
        $this->assertSame(200, $response->status);
    }
}
