<?php

declare(strict_types=1);

namespace Tests;

use App\Http\Response;

final class UsersTest extends ApiTestCase
{
    private const RFC3339_UTC = '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/';

    private function signUpWith(mixed $username, mixed $password): Response
    {
        return $this->call('POST', '/api/users', ['username' => $username, 'password' => $password]);
    }

    /**
     * @param array<string, mixed> $user
     * @return list<int> followers_count, following_count, posts_count
     */
    private static function counts(array $user): array
    {
        return [$user['followers_count'], $user['following_count'], $user['posts_count']];
    }

    public function testSignUpReturnsTheUserAndAToken(): void
    {
        $response = $this->call('POST', '/api/users', ['username' => 'alice', 'password' => 'password123']);
        $this->assertSame(201, $response->status);
        $data = self::json($response);
        $this->assertSame(['user', 'token'], array_keys($data));
        $this->assertGreaterThanOrEqual(22, strlen($data['token'])); // at least 128 bits
        $user = $data['user'];
        $this->assertSame('alice', $user['username']);
        $this->assertIsString($user['id']);
        $this->assertSame('', $user['bio']);
        $this->assertMatchesRegularExpression(self::RFC3339_UTC, $user['created_at']);
        $this->assertSame([0, 0, 0], self::counts($user));
        // No token was sent: no "following". No password, no hash, ever.
        $this->assertArrayNotHasKey('following', $user);
        $this->assertStringNotContainsString('password', $response->content());
        $this->assertStringNotContainsString('argon2', $response->content());
    }

    public function testTheTokenFromSignUpWorks(): void
    {
        $token = $this->signUp('alice');
        $this->assertSame('alice', self::json($this->call('GET', '/api/me', null, $token))['user']['username']);
    }

    public function testSignUpRejectsBadUsernames(): void
    {
        $usernames = ['ab', str_repeat('a', 31), 'with space', 'dash-ed', 'émile', "alice\n", '', 42, null, ['alice']];
        foreach ($usernames as $username) {
            $this->assertInvalid($this->signUpWith($username, 'password123'), 'username');
        }
    }

    public function testSignUpAcceptsUsernamesAtTheLimits(): void
    {
        foreach (['abc', str_repeat('a', 30), 'Under_Score_9'] as $username) {
            $this->assertSame(201, $this->signUpWith($username, 'password123')->status, $username);
        }
    }

    public function testSignUpRejectsBadPasswords(): void
    {
        foreach (['short77', str_repeat('x', 129), 12345678, null, ''] as $password) {
            $this->assertInvalid($this->signUpWith('alice', $password), 'password');
        }
    }

    public function testPasswordsCountCodePoints(): void
    {
        // 8 emoji are 8 characters (32 bytes in UTF-8): long enough. 129 are too many.
        $this->assertSame(201, $this->signUpWith('alice', str_repeat('🔑', 8))->status);
        $this->assertSame(422, $this->signUpWith('bob', str_repeat('🔑', 129))->status);
        $this->assertSame(201, $this->signUpWith('carol', str_repeat('🔑', 128))->status);
    }

    public function testSignUpReportsEveryBadField(): void
    {
        $this->assertInvalid($this->call('POST', '/api/users', []), 'username', 'password');
    }

    public function testUsernamesAreUniqueIgnoringCase(): void
    {
        $this->signUp('alice');
        $this->assertError($this->signUpWith('ALICE', 'password123'), 409, 'conflict');
    }

    public function testAProfileIsFoundIgnoringCase(): void
    {
        $this->signUp('Alice');
        $response = $this->call('GET', '/api/users/aLiCe');
        $this->assertSame(200, $response->status);
        $user = self::json($response)['user'];
        $this->assertSame('Alice', $user['username']);
        $this->assertArrayNotHasKey('following', $user);
    }

    public function testTheProfileOfAnUnknownUserIs404(): void
    {
        $this->assertError($this->call('GET', '/api/users/nobody'), 404, 'not_found');
        $this->assertError($this->call('GET', '/api/users/not%20a%20name'), 404, 'not_found');
        $this->assertError($this->call('GET', "/api/users/%27%20OR%20%271%27%3D%271"), 404, 'not_found');
    }

    public function testAProfileSaysWhetherTheCallerFollows(): void
    {
        $alice = $this->signUp('alice');
        $this->signUp('bob');
        $this->assertFalse(self::json($this->get('/api/users/bob', $alice))['user']['following']);
        $this->call('PUT', '/api/users/bob/follow', null, $alice);
        $this->assertTrue(self::json($this->get('/api/users/bob', $alice))['user']['following']);
        // Oneself: false.
        $this->assertFalse(self::json($this->get('/api/users/alice', $alice))['user']['following']);
    }

    public function testProfileCounts(): void
    {
        $alice = $this->signUp('alice');
        $bob = $this->signUp('bob');
        $this->signUp('carol');
        $this->call('PUT', '/api/users/bob/follow', null, $alice);
        $this->call('PUT', '/api/users/carol/follow', null, $alice);
        $this->call('PUT', '/api/users/alice/follow', null, $bob);
        $this->createPost($alice);
        $this->createPost($alice);
        $user = self::json($this->call('GET', '/api/users/alice'))['user'];
        $this->assertSame([1, 2, 2], self::counts($user));
    }
}
