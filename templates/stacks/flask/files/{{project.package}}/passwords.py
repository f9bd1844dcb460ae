"""Password hashing with argon2id: slow on purpose, salted, and it uses every character
(bcrypt ignores what comes after the 72nd byte)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app


def init_passwords(app: Flask) -> None:
    hasher = PasswordHasher(
        time_cost=app.config["ARGON2_TIME_COST"],
        memory_cost=app.config["ARGON2_MEMORY_COST"],
        parallelism=app.config["ARGON2_PARALLELISM"],
    )
    app.extensions["password_hasher"] = hasher
    # Checked against when a username is unknown, so that "no such user" takes as long
    # as "wrong password" and the timing does not reveal which usernames exist.
    app.extensions["password_decoy"] = hasher.hash("no account has this password")


def _hasher() -> PasswordHasher:
    return current_app.extensions["password_hasher"]


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    """True if the password matches. Pass None for an unknown user: it still costs the
    same time, and the answer is False."""
    try:
        _hasher().verify(password_hash or current_app.extensions["password_decoy"], password)
    except (VerificationError, InvalidHashError):
        return False
    return password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other costs than today's (upgrade it at login)."""
    return _hasher().check_needs_rehash(password_hash)
