<?php

declare(strict_types=1);

namespace Tests;

use App\Http\Response;

final class SessionsTest extends ApiTestCase
{
    private function logIn(string $username, string $password): Response
    {
        return $this->call('POST', '/api/sessions', ['username' => $username, 'password' => $password]);
    }

    public function testLogInReturnsANewTokenEachTime(): void
    {
        $first = $this->signUp('alice');
        $response = $this->logIn('alice', self::PASSWORD);
        $this->assertSame(200, $response->status);
        $data = self::json($response);
        $this->assertSame('alice', $data['user']['username']);
        $this->assertArrayNotHasKey('following', $data['user']);
        $third = self::json($this->logIn('alice', self::PASSWORD))['token'];
        $this->assertCount(3, array_unique([$first, $data['token'], $third]));
        // All of them work until revoked.
        foreach ([$first, $data['token']] as $token) {
            $this->assertSame(200, $this->call('GET', '/api/me', null, $token)->status);
        }
    }

    public function testLogInMatchesTheUsernameIgnoringCase(): void
    {
        $this->signUp('Alice');
        $response = $this->logIn('aLICE', self::PASSWORD);
        $this->assertSame(200, $response->status);
        $this->assertSame('Alice', self::json($response)['user']['username']);
    }

    public function testWrongCredentialsGetOneAndTheSame401(): void
    {
        $this->signUp('alice');
        $attempts = [
            ['alice', 'wrong password'],
            ['nobody', self::PASSWORD],
            ['x', self::PASSWORD], // not even a valid username: still the same 401
            ["' OR '1'='1' --", "' OR '1'='1' --"],
            ['alice', 'short'],
            ['alice', strtoupper(self::PASSWORD)],
            ['alice', self::PASSWORD . ' '], // every character counts
        ];
        foreach ($attempts as [$username, $password]) {
            $error = $this->assertError($this->logIn($username, $password), 401, 'unauthorized');
            $this->assertSame('wrong username or password', $error['message']);
        }
    }

    public function testLogInWithValuesThatAreNotStringsIs422(): void
    {
        $this->signUp('alice');
        $cases = [
            [['username' => 1, 'password' => self::PASSWORD], ['username']],
            [['username' => 'alice', 'password' => null], ['password']],
            [['username' => ['alice'], 'password' => ['a' => 1]], ['username', 'password']],
            [[], ['username', 'password']],
        ];
        foreach ($cases as [$body, $fields]) {
            $this->assertInvalid($this->call('POST', '/api/sessions', $body), ...$fields);
        }
    }

    public function testLogOutRevokesOnlyTheTokenUsed(): void
    {
        $first = $this->signUp('alice');
        $second = self::json($this->logIn('alice', self::PASSWORD))['token'];
        $response = $this->call('DELETE', '/api/sessions', null, $first);
        $this->assertSame(204, $response->status);
        $this->assertSame('', $response->content());
        $this->assertError($this->call('GET', '/api/me', null, $first), 401, 'unauthorized');
        $this->assertSame(200, $this->call('GET', '/api/me', null, $second)->status);
        // The revoked token is refused everywhere, logging out again included.
        $this->assertError($this->call('DELETE', '/api/sessions', null, $first), 401, 'unauthorized');
    }

    public function testLogOutNeedsAToken(): void
    {
        $this->assertError($this->call('DELETE', '/api/sessions'), 401, 'unauthorized');
    }

    public function testTokensAreStoredOnlyAsHashes(): void
    {
        $token = $this->signUp('alice');
        $stored = $this->db->one('SELECT token_hash FROM tokens');
        $this->assertSame(hash('sha256', $token), $stored['token_hash']);
        $hash = $this->db->one('SELECT password_hash FROM users')['password_hash'];
        $this->assertStringStartsWith('$argon2id$', $hash);
    }
}
