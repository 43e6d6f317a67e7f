//! The server's secret key: it turns session ids and API tokens into the keyed hashes the
//! database stores, so the database alone cannot forge or replay either.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

impl SecretKey {
    /// A key given on the command line: any text of at least 32 characters.
    pub fn from_text(text: &str) -> anyhow::Result<Self> {
        anyhow::ensure!(text.len() >= 32, "the session key must be at least 32 characters");
        let mut key = [0u8; 32];
        key.copy_from_slice(&<Sha256 as sha2::Digest>::digest(text.as_bytes()));
        Ok(SecretKey(key))
    }

    pub fn random() -> Self {
        SecretKey(rand::random())
    }

    /// Reads `session.key` in the data directory, creating it (mode 0600) on first use.
    pub fn load_or_create(data_dir: &Path) -> anyhow::Result<Self> {
        use base64::Engine;
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let path = data_dir.join("session.key");
        if let Ok(text) = std::fs::read_to_string(&path) {
            return Self::from_text(text.trim());
        }
        std::fs::create_dir_all(data_dir)?;
        let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path)?;
        writeln!(file, "{text}")?;
        Self::from_text(&text)
    }

    pub fn hash(&self, secret: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("any key length works for HMAC");
        mac.update(secret.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

/// A random secret of 256 bits, URL-safe, with a prefix saying what it is.
pub fn random_secret(prefix: &str) -> String {
    use base64::Engine;
    format!("{prefix}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>()))
}
