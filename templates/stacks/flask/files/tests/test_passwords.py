"""At most PASSWORD_HASH_CONCURRENCY password hashes run at once; the rest wait."""

import threading
import time

from argon2 import PasswordHasher


class CountingHasher(PasswordHasher):
    """Hashes as usual, and remembers how many hashes ran at the same time."""

    def __init__(self):
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def hash(self, password, *, salt=None):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.1)  # long enough for the other threads to pile up
        try:
            return super().hash(password, salt=salt)
        finally:
            with self.lock:
                self.running -= 1


def test_no_more_hashes_than_password_hash_concurrency_run_at_once(make_app):
    app = make_app(PASSWORD_HASH_CONCURRENCY=2)
    counting = CountingHasher()
    app.extensions["password_hasher"] = counting

    def sign_up(number: int) -> None:
        client = app.test_client()
        client.post("/api/users", json={"username": f"user{number}", "password": "x" * 10})

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counting.most == 2
