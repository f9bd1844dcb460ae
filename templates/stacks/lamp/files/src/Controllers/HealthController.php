<?php

declare(strict_types=1);

namespace App\Controllers;

use App\Database;
use App\Http\Request;
use App\Http\Response;
use PDOException;

/** GET /healthz: is the server up, and can it reach its database? */
final class HealthController
{
    public function __construct(private readonly Database $db)
    {
    }

    public function show(Request $request): Response
    {
        try {
            $this->db->query('SELECT 1');
        } catch (PDOException $error) {
            // The reason goes to the server's log; the client learns only the verdict.
            error_log('health check: the database does not answer: ' . $error->getMessage());
            return Response::json(['status' => 'unavailable'], 503);
        }
        return Response::json(['status' => 'ok']);
    }
}
