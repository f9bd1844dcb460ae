<?php

/*
 * The router script of PHP's development server, which runs it for every request:
 *
 *     php -S 127.0.0.1:8000 -t public -d enable_post_data_reading=0 public/router.php
 *
 * Apache serves the files of public/ by itself and sends the rest to index.php
 * (see .htaccess). Here everything goes to index.php, which also serves the
 * front end's files, with the same headers Apache adds. One PHP process answers
 * one request at a time: fine on your machine, not for the internet.
 */

declare(strict_types=1);

require __DIR__ . '/index.php';
