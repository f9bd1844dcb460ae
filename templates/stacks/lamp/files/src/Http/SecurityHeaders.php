<?php

declare(strict_types=1);

namespace App\Http;

/**
 * Headers on every response. Apache adds the same ones to what it serves by
 * itself (public/.htaccess); PHP's development server gets them from here.
 */
final class SecurityHeaders
{
    /**
     * Scripts only from our own origin: no inline <script>, no eval, so text a user
     * typed can never run as code in a visitor's browser, even if it slipped into
     * the page as HTML. Images may also be data: or blob: URLs (the preview of a
     * picture before it is uploaded).
     */
    public const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; "
        . "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static function apply(Response $response): Response
    {
        return $response->withHeaders([
            // Browsers must believe our Content-Type, not guess from the bytes: an
            // upload that looks like HTML is still served, and treated, as an image.
            'X-Content-Type-Options' => 'nosniff',
            'Content-Security-Policy' => self::CONTENT_SECURITY_POLICY,
        ]);
    }
}
