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

    public function testLogOutEverywhereRevokesEveryTokenOfTheCaller(): void
    {
        $first = $this->signUp('alice');
        $second = self::json($this->logIn('alice', self::PASSWORD))['token'];
        $bob = $this->signUp('bob');
        $this->assertSame(204, $this->call('DELETE', '/api/sessions?all=true', null, $first)->status);
        foreach ([$first, $second] as $token) {
            $this->assertError($this->call('GET', '/api/me', null, $token), 401, 'unauthorized');
        }
        // Only the caller's: another user stays logged in.
        $this->assertSame(200, $this->call('GET', '/api/me', null, $bob)->status);
    }

    public function testAllFalseRevokesOnlyTheTokenUsed(): void
    {
        $first = $this->signUp('alice');
        $second = self::json($this->logIn('alice', self::PASSWORD))['token'];
        $this->assertSame(204, $this->call('DELETE', '/api/sessions?all=false', null, $first)->status);
        $this->assertSame(401, $this->call('GET', '/api/me', null, $first)->status);
        $this->assertSame(200, $this->call('GET', '/api/me', null, $second)->status);
    }

    public function testAllIsTrueOrFalseAndNothingElse(): void
    {
        $token = $this->signUp('alice');
        foreach (['all=yes', 'all=', 'all=TRUE', 'all=true&all=true'] as $query) {
            $response = $this->call('DELETE', "/api/sessions?$query", null, $token);
            $error = $this->assertError($response, 422, 'validation_failed', ['all']);
            $this->assertSame('must be true or false', $error['fields']['all'], $query);
        }
        $this->assertSame(200, $this->call('GET', '/api/me', null, $token)->status);
    }

    public function testAnExpiredTokenIs401AndDeletedWhenATokenIsMade(): void
    {
        $old = $this->signUp('alice');
        $lifetime = self::config()->tokenLifetimeDays;
        $this->db->query(
            'UPDATE tokens SET created_at = UTC_TIMESTAMP(6) - INTERVAL :days DAY - INTERVAL 1 MINUTE',
            ['days' => $lifetime],
        );
        $error = $this->assertError($this->call('GET', '/api/me', null, $old), 401, 'unauthorized');
        $this->assertStringContainsString('expired', $error['message']);

        // A token a minute younger than the lifetime still works.
        $young = self::json($this->logIn('alice', self::PASSWORD))['token'];
        $this->db->query(
            'UPDATE tokens SET created_at = UTC_TIMESTAMP(6) - INTERVAL :days DAY + INTERVAL 1 MINUTE
                WHERE token_hash = :hash',
            ['days' => $lifetime, 'hash' => hash('sha256', $young)],
        );
        $this->assertSame(200, $this->call('GET', '/api/me', null, $young)->status);

        // Making a token deleted the expired one from the table.
        $hashes = array_column($this->db->all('SELECT token_hash FROM tokens'), 'token_hash');
        $this->assertNotContains(hash('sha256', $old), $hashes);
        $this->assertContains(hash('sha256', $young), $hashes);
    }
}
