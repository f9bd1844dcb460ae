<?php

declare(strict_types=1);

namespace App\Http;

use App\Database;
use App\Limits;

/**
 * Cursor pagination.
 *
 * A list is ordered by (created_at, id): creation time first, the id to break
 * ties, so the order is total. A page's cursor is the position of its last item,
 * "created_at|id", in base64 so that clients treat it as opaque. The next page
 * asks for the items strictly after that position: unlike OFFSET, nothing is
 * skipped or shown twice when new items arrive while someone is paging, and the
 * database jumps to the position through an index instead of counting rows.
 */
final class Pagination
{
    private const POSITION = '/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})\|([1-9][0-9]{0,17})$/D';

    /** @param array{0: string, 1: int}|null $after the position a cursor points to */
    private function __construct(
        public readonly int $limit,
        private readonly ?array $after,
    ) {
    }

    /** `limit` and `cursor` from the query string, or a 422 naming the bad ones. */
    public static function fromRequest(Request $request): self
    {
        $checks = new Checks();
        $limit = Limits::PAGE_DEFAULT;
        $limitProblem = 'must be a whole number from 1 to ' . Limits::PAGE_MAX;
        $rawLimit = self::only($request, 'limit', $checks, $limitProblem);
        if ($rawLimit !== null) {
            // Digits only: (int) alone would also take " 5", "5abc" and "1e2".
            $digits = preg_match('/^[0-9]{1,3}$/D', $rawLimit) === 1;
            if ($digits && (int) $rawLimit >= 1 && (int) $rawLimit <= Limits::PAGE_MAX) {
                $limit = (int) $rawLimit;
            } else {
                $checks->fail('limit', $limitProblem);
            }
        }
        $after = null;
        $cursorProblem = 'is not a cursor this server handed out';
        $rawCursor = self::only($request, 'cursor', $checks, $cursorProblem);
        if ($rawCursor !== null) {
            $after = self::decode($rawCursor);
            if ($after === null) {
                $checks->fail('cursor', $cursorProblem);
            }
        }
        $checks->done();
        return new self($limit, $after);
    }

    /**
     * The query parameter `$name`, or null when absent. Given twice
     * (`limit=1&limit=2`) it is a mistake: which one the client meant is a guess.
     */
    private static function only(Request $request, string $name, Checks $checks, string $problem): ?string
    {
        $values = $request->query[$name] ?? [];
        if (count($values) > 1) {
            $checks->fail($name, "must be given once; $problem");
            return null;
        }
        return $values[0] ?? null;
    }

    /**
     * Runs one page of `$sql`, a SELECT that ends with its WHERE clause, ordered
     * by the columns `$at` (a time) and `$id`, which it must also select as
     * `cursor_at` and `cursor_id`.
     *
     * @param array<string, int|string|null> $params
     * @return array{0: list<array<string, mixed>>, 1: string|null} the rows, and the
     *     next page's cursor (null on the last page)
     */
    public function fetch(
        Database $db,
        string $sql,
        array $params,
        string $at,
        string $id,
        bool $newestFirst = true,
    ): array {
        [$before, $order] = $newestFirst ? ['<', 'DESC'] : ['>', 'ASC'];
        if ($this->after !== null) {
            // A placeholder cannot be used twice: the time is bound under two names.
            $sql .= " AND ($at $before :after_at OR ($at = :after_at_again AND $id $before :after_id))";
            [$afterAt, $afterId] = $this->after;
            $params += ['after_at' => $afterAt, 'after_at_again' => $afterAt, 'after_id' => $afterId];
        }
        // One row more than the page holds tells whether there is a next page.
        $sql .= " ORDER BY $at $order, $id $order LIMIT :page_rows";
        $rows = $db->all($sql, $params + ['page_rows' => $this->limit + 1]);
        if (count($rows) <= $this->limit) {
            return [$rows, null];
        }
        $rows = array_slice($rows, 0, $this->limit);
        $last = $rows[$this->limit - 1];
        return [$rows, self::encode((string) $last['cursor_at'], (int) $last['cursor_id'])];
    }

    private static function encode(string $at, int $id): string
    {
        return rtrim(strtr(base64_encode("$at|$id"), '+/', '-_'), '=');
    }

    /** @return array{0: string, 1: int}|null */
    private static function decode(string $cursor): ?array
    {
        $raw = base64_decode(strtr($cursor, '-_', '+/'), true);
        if ($raw === false || preg_match(self::POSITION, $raw, $match) !== 1) {
            return null;
        }
        return [$match[1], (int) $match[2]];
    }
}
