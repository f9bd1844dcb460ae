<?php

declare(strict_types=1);

namespace Tests;

use App\Http\Response;

final class FollowsTest extends ApiTestCase
{
    /** @return list<string> */
    private static function names(Response $response): array
    {
        return array_column(self::json($response)['users'], 'username');
    }

    public function testFollowAndUnfollowAreIdempotent(): void
    {
        $alice = $this->signUp('alice');
        $this->signUp('bob');
        for ($i = 0; $i < 2; $i++) {
            $response = $this->call('PUT', '/api/users/bob/follow', null, $alice);
            $this->assertSame(204, $response->status);
            $this->assertSame('', $response->content());
        }
        $this->assertSame(1, self::json($this->call('GET', '/api/users/bob'))['user']['followers_count']);
        for ($i = 0; $i < 2; $i++) {
            $this->assertSame(204, $this->call('DELETE', '/api/users/BOB/follow', null, $alice)->status);
        }
        $this->assertSame(0, self::json($this->call('GET', '/api/users/bob'))['user']['followers_count']);
    }

    public function testFollowingOneselfIs422ButUnfollowingIsANoOp(): void
    {
        $alice = $this->signUp('alice');
        $this->assertInvalid($this->call('PUT', '/api/users/Alice/follow', null, $alice), 'username');
        $this->assertSame(204, $this->call('DELETE', '/api/users/alice/follow', null, $alice)->status);
    }

    public function testFollowNeedsATokenAndAUser(): void
    {
        $alice = $this->signUp('alice');
        $this->signUp('bob');
        $this->assertError($this->call('PUT', '/api/users/bob/follow'), 401, 'unauthorized');
        $this->assertError($this->call('DELETE', '/api/users/bob/follow'), 401, 'unauthorized');
        $this->assertError($this->call('PUT', '/api/users/nobody/follow', null, $alice), 404, 'not_found');
        $this->assertError($this->call('DELETE', '/api/users/nobody/follow', null, $alice), 404, 'not_found');
    }

    public function testFollowersAndFollowingListTheNewestFollowFirst(): void
    {
        $tokens = [];
        foreach (['alice', 'bob', 'carol', 'dave'] as $name) {
            $tokens[$name] = $this->signUp($name);
        }
        foreach (['bob', 'dave', 'carol'] as $name) {
            $this->call('PUT', '/api/users/alice/follow', null, $tokens[$name]);
        }
        foreach (['carol', 'bob'] as $name) {
            $this->call('PUT', "/api/users/$name/follow", null, $tokens['alice']);
        }

        $followers = $this->call('GET', '/api/users/alice/followers');
        $this->assertSame(200, $followers->status);
        $this->assertSame(['carol', 'dave', 'bob'], self::names($followers));
        $this->assertNull(self::json($followers)['next_cursor']);
        $this->assertSame(['bob', 'carol'], self::names($this->call('GET', '/api/users/alice/following')));
        $this->assertSame(['alice'], self::names($this->call('GET', '/api/users/dave/following')));
        $this->assertSame([], self::names($this->call('GET', '/api/users/dave/followers')));
    }

    public function testFollowListsSayWhetherTheCallerFollowsEachUser(): void
    {
        $alice = $this->signUp('alice');
        $bob = $this->signUp('bob');
        $this->signUp('carol');
        $this->call('PUT', '/api/users/carol/follow', null, $bob);
        $this->call('PUT', '/api/users/bob/follow', null, $alice);
        $users = self::json($this->call('GET', '/api/users/carol/followers', null, $alice))['users'];
        $this->assertSame(['bob' => true], array_column($users, 'following', 'username'));
        $this->assertSame(1, $users[0]['followers_count']);
        $anonymous = self::json($this->call('GET', '/api/users/carol/followers'))['users'];
        $this->assertArrayNotHasKey('following', $anonymous[0]);
    }

    public function testFollowListsOfAnUnknownUserAre404(): void
    {
        $this->assertError($this->call('GET', '/api/users/nobody/followers'), 404, 'not_found');
        $this->assertError($this->call('GET', '/api/users/nobody/following'), 404, 'not_found');
    }

    public function testRefollowingMovesAFollowerToTheTop(): void
    {
        $bob = $this->signUp('bob');
        $carol = $this->signUp('carol');
        $this->signUp('alice');
        $this->call('PUT', '/api/users/alice/follow', null, $bob);
        $this->call('PUT', '/api/users/alice/follow', null, $carol);
        $this->call('DELETE', '/api/users/alice/follow', null, $bob);
        $this->call('PUT', '/api/users/alice/follow', null, $bob);
        $this->assertSame(['bob', 'carol'], self::names($this->call('GET', '/api/users/alice/followers')));
    }
}
