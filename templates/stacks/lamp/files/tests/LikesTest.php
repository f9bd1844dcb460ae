<?php

declare(strict_types=1);

namespace Tests;

final class LikesTest extends ApiTestCase
{
    public function testLikeAndUnlikeAreIdempotent(): void
    {
        $alice = $this->signUp('alice');
        $bob = $this->signUp('bob');
        $url = '/api/posts/' . $this->createPost($alice)['id'];
        for ($i = 0; $i < 2; $i++) {
            $response = $this->call('PUT', "$url/like", null, $bob);
            $this->assertSame(204, $response->status);
            $this->assertSame('', $response->content());
        }
        $this->call('PUT', "$url/like", null, $alice);

        $seenByBob = self::json($this->call('GET', $url, null, $bob))['post'];
        $this->assertSame([2, true], [$seenByBob['like_count'], $seenByBob['liked']]);
        $anonymous = self::json($this->call('GET', $url))['post'];
        $this->assertSame([2, false], [$anonymous['like_count'], $anonymous['liked']]);

        for ($i = 0; $i < 2; $i++) {
            $this->assertSame(204, $this->call('DELETE', "$url/like", null, $bob)->status);
        }
        $seenByBob = self::json($this->call('GET', $url, null, $bob))['post'];
        $this->assertSame([1, false], [$seenByBob['like_count'], $seenByBob['liked']]);
    }

    public function testLikedShowsInListsToo(): void
    {
        $alice = $this->signUp('alice');
        $liked = $this->createPost($alice);
        $other = $this->createPost($alice);
        $this->call('PUT', "/api/posts/{$liked['id']}/like", null, $alice);
        $posts = self::json($this->call('GET', '/api/posts', null, $alice))['posts'];
        $this->assertSame(
            [$other['id'] => false, $liked['id'] => true],
            array_column($posts, 'liked', 'id'),
        );
    }

    public function testLikeNeedsATokenAndAPost(): void
    {
        $alice = $this->signUp('alice');
        $post = $this->createPost($alice);
        $this->assertError($this->call('PUT', "/api/posts/{$post['id']}/like"), 401, 'unauthorized');
        $this->assertError($this->call('DELETE', "/api/posts/{$post['id']}/like"), 401, 'unauthorized');
        foreach (['999', 'abc'] as $id) {
            $this->assertError($this->call('PUT', "/api/posts/$id/like", null, $alice), 404, 'not_found');
            $this->assertError($this->call('DELETE', "/api/posts/$id/like", null, $alice), 404, 'not_found');
        }
    }
}
