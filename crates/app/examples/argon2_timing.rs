//! Prints how long argon2id takes at the parameters the app uses (OWASP: m=19 MiB,
//! t=2, p=1), for hashing (set-up, new staff, password change) and for verifying
//! (every sign-in, and the dummy check for unknown emails). Run by `cargo xtask bench`.

use std::time::{Duration, Instant};

use desk_app::passwords::Passwords;

const ROUNDS: usize = 15;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let passwords = Passwords::owasp();
    let mut hashing = Vec::with_capacity(ROUNDS);
    let mut verifying = Vec::with_capacity(ROUNDS);
    let mut hash = String::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        hash = passwords
            .hash_now("violet kettle harbour")
            .unwrap_or_else(|error| panic!("hashing failed: {error:?}"));
        hashing.push(started.elapsed());
        let started = Instant::now();
        let verification = passwords.verify_now("violet kettle harbour", &hash);
        verifying.push(started.elapsed());
        assert!(verification.matches);
    }
    println!(
        "argon2id parameters: {}",
        &hash[..hash.rfind('$').unwrap_or(0)]
    );
    println!(
        "hash:   median {:>6.1} ms over {ROUNDS} rounds (min {:.1} ms, max {:.1} ms)",
        median(hashing.clone()).as_secs_f64() * 1e3,
        hashing
            .iter()
            .min()
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1e3,
        hashing
            .iter()
            .max()
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1e3,
    );
    println!(
        "verify: median {:>6.1} ms over {ROUNDS} rounds (min {:.1} ms, max {:.1} ms)",
        median(verifying.clone()).as_secs_f64() * 1e3,
        verifying
            .iter()
            .min()
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1e3,
        verifying
            .iter()
            .max()
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1e3,
    );
}
