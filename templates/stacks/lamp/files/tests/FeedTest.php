<?php

declare(strict_types=1);

namespace Tests;

final class FeedTest extends ApiTestCase
{
    public function testTheFeedHoldsMyPostsAndThoseOfWhomIFollow(): void
    {
        $alice = $this->signUp('alice');
        $bob = $this->signUp('bob');
        $carol = $this->signUp('carol');
        $this->call('PUT', '/api/users/bob/follow', null, $alice);
        $mine = $this->createPost($alice);
        $bobs = $this->createPost($bob);
        $this->createPost($carol); // not followed: not in alice's feed
        $alsoMine = $this->createPost($alice);

        $response = $this->call('GET', '/api/feed', null, $alice);
        $this->assertSame(200, $response->status);
        $ids = array_column(self::json($response)['posts'], 'id');
        $this->assertSame([$alsoMine['id'], $bobs['id'], $mine['id']], $ids);
        $this->assertNull(self::json($response)['next_cursor']);
    }

    public function testUnfollowingRemovesFromTheFeed(): void
    {
        $alice = $this->signUp('alice');
        $bob = $this->signUp('bob');
        $this->call('PUT', '/api/users/bob/follow', null, $alice);
        $this->createPost($bob);
        $this->assertCount(1, self::json($this->call('GET', '/api/feed', null, $alice))['posts']);
        $this->call('DELETE', '/api/users/bob/follow', null, $alice);
        $this->assertSame([], self::json($this->call('GET', '/api/feed', null, $alice))['posts']);
    }

    public function testTheFeedNeedsAToken(): void
    {
        $this->assertError($this->call('GET', '/api/feed'), 401, 'unauthorized');
    }
}
