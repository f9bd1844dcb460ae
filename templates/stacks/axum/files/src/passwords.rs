//! Password hashing with argon2id: slow on purpose, salted, and it uses every
//! character (bcrypt ignores what comes after the 72nd byte).
//!
//! Hashing takes tens of milliseconds of pure computation, so it runs on tokio's
//! blocking threads: on the async ones it would stall every other request.

use std::sync::Arc;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, Params};

use crate::error::ApiError;

#[derive(Clone)]
pub struct Passwords {
    inner: Arc<Inner>,
}

struct Inner {
    argon2: Argon2<'static>,
    /// Checked against when a username is unknown, so that "no such user" takes as
    /// long as "wrong password": the timing does not reveal who has an account.
    decoy: String,
}

impl Passwords {
    /// `Params::DEFAULT` is the OWASP recommendation (19 MiB, 2 passes); the tests
    /// use the cheapest parameters, since they check the logic, not the strength.
    pub fn new(params: Params) -> Result<Self, argon2::password_hash::Error> {
        let argon2 = Argon2::from(params);
        let decoy = argon2.hash_password(b"no account has this password")?.to_string();
        Ok(Self { inner: Arc::new(Inner { argon2, decoy }) })
    }

    /// The hash to store: a new random salt, then argon2id over the password.
    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || inner.argon2.hash_password(password.as_bytes()))
            .await
            .map_err(|error| ApiError::Internal(error.into()))?
            .map(|hash| hash.to_string())
            .map_err(|error| ApiError::Internal(error.into()))
    }

    /// Whether `password` matches `hash`. Pass `None` for an unknown user: it costs
    /// the same time, and the answer is false.
    pub async fn verify(&self, hash: Option<String>, password: String) -> Result<bool, ApiError> {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || {
            let known = hash.is_some();
            let hash = hash.as_deref().unwrap_or(&inner.decoy);
            let matches = inner.argon2.verify_password(password.as_bytes(), hash).is_ok();
            known && matches
        })
        .await
        .map_err(|error| ApiError::Internal(error.into()))
    }
}
