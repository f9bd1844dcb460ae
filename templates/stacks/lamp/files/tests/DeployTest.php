<?php

declare(strict_types=1);

namespace Tests;

use App\Config;
use PHPUnit\Framework\TestCase;

/** The files that deploy the project, where a mistake would only show on the server. */
final class DeployTest extends TestCase
{
    /**
     * On a shared host the whole project may land in the web's folder: the root
     * .htaccess must send every request into public/ and refuse the files around it.
     */
    public function testTheRootHtaccessKeepsEverythingButPublicOutOfReach(): void
    {
        $htaccess = (string) file_get_contents(Config::ROOT . '/.htaccess');
        $this->assertMatchesRegularExpression('#^RewriteRule \^\(\.\*\)\$ public/\$1 \[L\]$#m', $htaccess);
        $this->assertMatchesRegularExpression('#^RewriteRule \^public/ - \[L\]$#m', $htaccess);

        preg_match('#<FilesMatch "([^"]+)">\s*Require all denied#', $htaccess, $match);
        $this->assertNotEmpty($match, 'no FilesMatch that denies');
        $denied = '#' . str_replace('#', '\#', $match[1]) . '#';
        $private = ['.env', '.env.example', '.htaccess', '.user.ini', 'composer.json', 'composer.lock', 'README.md',
            'DEPLOY.md', 'phpunit.xml.dist', '001_users.sql', 'docker-compose.yml', 'Dockerfile', 'Procfile',
            'Caddyfile', 'error.log'];
        foreach ($private as $name) {
            $this->assertMatchesRegularExpression($denied, $name, "$name is served");
        }
        foreach (['index.php', 'index.html', 'app.js', 'style.css', 'favicon.svg'] as $name) {
            $this->assertDoesNotMatchRegularExpression($denied, $name, "$name is refused");
        }
    }

    public function testTheWorkflowPinsEveryActionToACommit(): void
    {
        $workflow = (string) file_get_contents(Config::ROOT . '/.github/workflows/ci.yml');
        preg_match_all('/^\s*- uses: (\S+)/m', $workflow, $uses);
        $this->assertNotEmpty($uses[1]);
        foreach ($uses[1] as $action) {
            $this->assertMatchesRegularExpression('/@[0-9a-f]{40}$/D', $action);
        }
        $this->assertMatchesRegularExpression('/^permissions:\n  contents: read$/m', $workflow);
    }

    public function testTheImageRunsAsWwwDataOnAPortOfItsOwn(): void
    {
        $dockerfile = (string) file_get_contents(Config::ROOT . '/Dockerfile');
        $this->assertMatchesRegularExpression('/^USER www-data$/m', $dockerfile);
        $this->assertMatchesRegularExpression('/^EXPOSE 8080$/m', $dockerfile);
        $compose = (string) file_get_contents(Config::ROOT . '/docker-compose.yml');
        $this->assertMatchesRegularExpression('/"127\.0\.0\.1:\d+:8080"/', $compose);
        // No password written into the file: compose stops when .env does not set one.
        $this->assertStringNotContainsString('PASSWORD: app', $compose);
        $this->assertStringContainsString('DB_PASSWORD: ${DB_PASSWORD:?', $compose);
    }
}
