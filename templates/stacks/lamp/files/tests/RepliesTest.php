<?php

declare(strict_types=1);

namespace Tests;

use App\Http\Response;

final class RepliesTest extends ApiTestCase
{
    private function reply(string $token, mixed $parent, string $body = 'a reply'): Response
    {
        return $this->call('POST', '/api/posts', ['body' => $body, 'reply_to' => $parent], $token);
    }

    public function testAReplyPointsAtItsPostAndCounts(): void
    {
        $alice = $this->signUp('alice');
        $bob = $this->signUp('bob');
        $post = $this->createPost($alice);
        $response = $this->reply($bob, $post['id']);
        $this->assertSame(201, $response->status);
        $answer = self::json($response)['post'];
        $this->assertSame($post['id'], $answer['reply_to']);
        $this->assertSame(1, self::json($this->call('GET', "/api/posts/{$post['id']}"))['post']['reply_count']);
        // Replies are posts: in explore, and in their author's posts_count.
        $this->assertContains($answer['id'], array_column(self::json($this->call('GET', '/api/posts'))['posts'], 'id'));
        $this->assertSame(1, self::json($this->call('GET', '/api/users/bob'))['user']['posts_count']);
    }

    public function testReplyToMustNameAnExistingPost(): void
    {
        $token = $this->signUp('alice');
        $post = $this->createPost($token);
        // The post exists: its id as a number is still the wrong type.
        foreach (['999', 'abc', '0', '', (int) $post['id'], 1.5, [$post['id']], ['id' => $post['id']]] as $parent) {
            $this->assertInvalid($this->reply($token, $parent), 'reply_to');
        }
    }

    public function testReplyToNullIsANewThread(): void
    {
        $token = $this->signUp('alice');
        $response = $this->reply($token, null);
        $this->assertSame(201, $response->status);
        $this->assertNull(self::json($response)['post']['reply_to']);
    }

    public function testRepliesAreListedOldestFirstAndPaged(): void
    {
        $alice = $this->signUp('alice');
        $bob = $this->signUp('bob');
        $post = $this->createPost($alice);
        $this->createPost($alice); // not a reply
        $expected = [];
        for ($n = 0; $n < 5; $n++) {
            $expected[] = self::json($this->reply($n % 2 ? $alice : $bob, $post['id'], "r$n"))['post']['id'];
        }

        $seen = [];
        $cursor = null;
        do {
            $query = '?limit=2' . ($cursor === null ? '' : '&cursor=' . rawurlencode($cursor));
            $page = self::json($this->call('GET', "/api/posts/{$post['id']}/replies$query"));
            $seen = [...$seen, ...array_column($page['posts'], 'id')];
            $cursor = $page['next_cursor'];
            if ($cursor !== null) {
                $this->reply($bob, $post['id'], 'late'); // new replies land at the end
            }
        } while ($cursor !== null);
        $this->assertSame($expected, array_slice($seen, 0, 5));
        $this->assertSame($seen, array_values(array_unique($seen)));
    }

    public function testRepliesOfAnUnknownPostAre404(): void
    {
        $this->assertError($this->call('GET', '/api/posts/999/replies'), 404, 'not_found');
        $this->assertError($this->call('GET', '/api/posts/abc/replies'), 404, 'not_found');
    }

    public function testDeletingAPostKeepsItsRepliesWithReplyToNull(): void
    {
        $alice = $this->signUp('alice');
        $bob = $this->signUp('bob');
        $post = $this->createPost($alice);
        $answer = self::json($this->reply($bob, $post['id']))['post'];
        $this->assertSame(204, $this->call('DELETE', "/api/posts/{$post['id']}", null, $alice)->status);
        $kept = $this->call('GET', "/api/posts/{$answer['id']}");
        $this->assertSame(200, $kept->status);
        $this->assertNull(self::json($kept)['post']['reply_to']);
    }
}
