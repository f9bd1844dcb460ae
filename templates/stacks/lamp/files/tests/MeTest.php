<?php

declare(strict_types=1);

namespace Tests;

final class MeTest extends ApiTestCase
{
    public function testMeNeedsAToken(): void
    {
        $this->assertError($this->call('GET', '/api/me'), 401, 'unauthorized');
        $this->assertError($this->call('PATCH', '/api/me', ['bio' => 'hi']), 401, 'unauthorized');
    }

    public function testMeReturnsTheCaller(): void
    {
        $token = $this->signUp('alice');
        $user = self::json($this->call('GET', '/api/me', null, $token))['user'];
        $this->assertSame('alice', $user['username']);
        $this->assertFalse($user['following']);
    }

    public function testPatchMeSetsTheBio(): void
    {
        $token = $this->signUp('alice');
        $bio = str_repeat('é', 160);
        $response = $this->call('PATCH', '/api/me', ['bio' => $bio], $token);
        $this->assertSame(200, $response->status);
        $this->assertSame($bio, self::json($response)['user']['bio']);
        $this->assertSame($bio, self::json($this->call('GET', '/api/users/alice'))['user']['bio']);
        $response = $this->call('PATCH', '/api/me', ['bio' => ''], $token);
        $this->assertSame('', self::json($response)['user']['bio']);
    }

    public function testPatchMeWithoutBioChangesNothing(): void
    {
        $token = $this->signUp('alice');
        $this->call('PATCH', '/api/me', ['bio' => 'hello'], $token);
        $response = $this->call('PATCH', '/api/me', ['website' => 'ignored'], $token);
        $this->assertSame(200, $response->status);
        $this->assertSame('hello', self::json($response)['user']['bio']);
    }

    public function testPatchMeRejectsABadBio(): void
    {
        $token = $this->signUp('alice');
        foreach ([str_repeat('x', 161), null, 7, ['bio']] as $bio) {
            $this->assertInvalid($this->call('PATCH', '/api/me', ['bio' => $bio], $token), 'bio');
        }
    }
}
