//! Imports through a queue (Cloudflare Queues, with a Durable Object ledger): the life of a
//! chunk in the ledger, and what a consumer does with each outcome. The JS (pkg-template/
//! queue.js, the ledger's Durable Object) runs these as conditional SQL updates and `ack()` / `retry()` calls.
//!
//! A queue delivers a message at least once, and a restart loses the messages (the ledger
//! keeps the chunks and sends them again). So nothing here trusts a delivery: a chunk is sent
//! only by whoever moved it from `queued` to `sending` (one conditional UPDATE, atomic in the
//! Durable Object), goes back to `queued` only on a refusal that proves nothing was applied,
//! and is never sent again once applied or unknown.

use crate::import::report::ChunkOutcome;

/// Where a chunk is in the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Recorded by the producer while the list is still being planned: not to be sent yet (a
    /// list that fails validation sends nothing).
    Planned,
    /// To be sent: a message for it is in the queue, or will be put there again.
    Queued,
    /// Claimed by one consumer, which is sending it.
    Sending,
    Applied,
    Rejected,
    /// It may have been applied: never sent again.
    Unknown,
}

impl Status {
    pub const ALL: [Status; 6] = [Status::Planned, Status::Queued, Status::Sending, Status::Applied, Status::Rejected, Status::Unknown];

    pub fn as_str(self) -> &'static str {
        ["planned", "queued", "sending", "applied", "rejected", "unknown"][self as usize]
    }

    /// A chunk in this status has its final outcome.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Applied | Status::Rejected | Status::Unknown)
    }
}

/// What can happen to a chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The whole list was planned and is valid: its chunks may be sent.
    Commit,
    /// A consumer takes the chunk to send it.
    Claim,
    /// The consumer that claimed the chunk records what happened (the status comes from
    /// `decide`). Also after its lease ran out: what it learnt beats "unknown".
    Record,
    /// The queue gave up on the chunk's message (max_retries): the dead-letter queue's consumer.
    DeadLetter,
    /// Claimed longer ago than the lease and not recorded: the consumer stopped mid-send.
    LeaseExpired,
    /// Queued longer ago than the requeue delay: its message may be lost (a restart), so the
    /// ledger sends another (a spare one finds the chunk claimed or done and is dropped).
    Requeue,
}

impl Event {
    pub const ALL: [Event; 6] = [Event::Commit, Event::Claim, Event::Record, Event::DeadLetter, Event::LeaseExpired, Event::Requeue];

    pub fn as_str(self) -> &'static str {
        ["commit", "claim", "record", "deadLetter", "expire", "requeue"][self as usize]
    }
}

/// The status `event` moves a chunk in `from` to (for `Record`, `recorded` is the decided
/// status); None: the event does not apply, and the chunk stays as it is.
pub fn transition(from: Status, event: Event, recorded: Status) -> Option<Status> {
    use Status::*;
    match (event, from) {
        (Event::Commit, Planned) => Some(Queued),
        (Event::Claim, Queued) => Some(Sending),
        (Event::Record, Sending | Unknown) if matches!(recorded, Queued | Applied | Rejected | Unknown) => Some(recorded),
        (Event::DeadLetter, Queued) => Some(Rejected),
        (Event::LeaseExpired, Sending) => Some(Unknown),
        (Event::Requeue, Queued) => Some(Queued),
        _ => None,
    }
}

/// The outcome a chunk gets when its lease expires.
pub fn expired() -> ChunkOutcome {
    ChunkOutcome::Unknown { reason: "claimed but never recorded (the sender stopped): it may have been applied".into() }
}

/// The outcome of a dead-lettered chunk that had no refusal recorded (the consumer failed
/// before sending, every time).
pub fn dead_lettered() -> ChunkOutcome {
    ChunkOutcome::Rejected { code: "dead_letter".into(), message: "the queue gave up on this chunk after its retries; nothing was applied".into(), retryable: true }
}

/// How long a refused chunk waits before its next attempt: `base · 2^(attempt − 1)` seconds,
/// at most `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base: u32,
    pub max: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { base: 2, max: 300 }
    }
}

impl Backoff {
    /// The delay after the `attempt`-th delivery (1 for the first) was refused.
    pub fn delay(self, attempt: u32) -> u32 {
        let doublings = attempt.saturating_sub(1).min(31);
        self.base.saturating_mul(1 << doublings).min(self.max)
    }
}

/// What a consumer does after sending a chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The status to record.
    pub status: Status,
    /// Redeliver the message after this many seconds (`msg.retry`); None: acknowledge it.
    pub retry_after: Option<u32>,
}

/// The status an outcome gives its chunk. Applied, unknown and final refusals are final (the
/// message is acknowledged); a refusal that proves nothing was applied and may pass (429, 503,
/// a retryable vendor code), or a chunk that never left, puts the chunk back in the queue.
pub fn status_of(outcome: &ChunkOutcome) -> Status {
    match outcome {
        ChunkOutcome::Applied { .. } => Status::Applied,
        ChunkOutcome::Unknown { .. } => Status::Unknown,
        ChunkOutcome::Rejected { retryable: false, .. } => Status::Rejected,
        ChunkOutcome::Rejected { retryable: true, .. } | ChunkOutcome::NotSent => Status::Queued,
    }
}

/// What a consumer does after the `attempt`-th delivery of a chunk's message (1 the first time):
/// records `status_of` the outcome and acknowledges the message, or, for a chunk back in the
/// queue, has it redelivered with backoff. After `max_retries` the queue moves the message to
/// the dead-letter queue, whose consumer records the chunk as rejected.
pub fn decide(outcome: &ChunkOutcome, attempt: u32, backoff: Backoff) -> Decision {
    let status = status_of(outcome);
    Decision { status, retry_after: (status == Status::Queued).then(|| backoff.delay(attempt)) }
}

/// Messages and bytes in one `sendBatch` (Cloudflare: 100 messages and 256 KB per batch; the
/// bytes kept below with room for each message's overhead).
pub const BATCH_MESSAGES: usize = 100;
pub const BATCH_BYTES: usize = 250_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_is_sent_once_and_never_again_once_applied_or_unknown() {
        use Status::*;
        assert_eq!(transition(Planned, Event::Claim, Unknown), None, "not before the list is committed");
        assert_eq!(transition(Planned, Event::Commit, Unknown), Some(Queued));
        assert_eq!(transition(Queued, Event::Claim, Unknown), Some(Sending));
        for s in [Sending, Applied, Rejected, Unknown] {
            assert_eq!(transition(s, Event::Claim, Unknown), None, "{s:?} is not claimed again");
        }
        assert_eq!(transition(Sending, Event::Record, Applied), Some(Applied));
        assert_eq!(transition(Sending, Event::Record, Queued), Some(Queued));
        assert_eq!(transition(Sending, Event::Record, Planned), None);
        // What the sender learnt beats the lease's "unknown"; nothing else moves a final status.
        assert_eq!(transition(Unknown, Event::Record, Applied), Some(Applied));
        assert_eq!(transition(Applied, Event::Record, Queued), None);
        assert_eq!(transition(Sending, Event::LeaseExpired, Unknown), Some(Unknown));
        assert_eq!(transition(Queued, Event::DeadLetter, Unknown), Some(Rejected));
        assert_eq!(transition(Sending, Event::DeadLetter, Unknown), None, "a chunk being sent is not dead");
        assert_eq!(transition(Applied, Event::Requeue, Unknown), None);
        assert!(Status::ALL.iter().filter(|s| s.is_final()).count() == 3);
    }

    #[test]
    fn refusals_that_applied_nothing_come_back_with_backoff() {
        let b = Backoff::default();
        assert_eq!((1..=10).map(|a| b.delay(a)).collect::<Vec<_>>(), vec![2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(Backoff { base: 1, max: u32::MAX }.delay(u32::MAX), 1 << 31);
        let retry = ChunkOutcome::Rejected { code: "http_503".into(), message: String::new(), retryable: true };
        assert_eq!(decide(&retry, 3, b), Decision { status: Status::Queued, retry_after: Some(8) });
        assert_eq!(decide(&ChunkOutcome::NotSent, 1, b).retry_after, Some(2));
        let fatal = ChunkOutcome::Rejected { code: "-5".into(), message: String::new(), retryable: false };
        assert_eq!(decide(&fatal, 1, b), Decision { status: Status::Rejected, retry_after: None });
        assert_eq!(decide(&ChunkOutcome::Unknown { reason: String::new() }, 1, b), Decision { status: Status::Unknown, retry_after: None });
        assert_eq!(decide(&ChunkOutcome::Applied { failed: vec![] }, 9, b), Decision { status: Status::Applied, retry_after: None });
    }
}

/// The ledger's rules for its JS, as JSON: for each event the statuses it moves a chunk from
/// (the ledger runs each as one conditional UPDATE on exactly those) and to (null for `record`:
/// the decided status, `status_of` the outcome), the final statuses, the outcomes of expiry and
/// dead-lettering, and the queue's batch limits. The JS is not in the .wasm (where it would be
/// 340 bytes gzipped): the package ships it as pkg-template/ledger-rules.js, which
/// tests/import.rs checks is exactly this (`WAIHU_BLESS=1 cargo test --release --test import`
/// writes it).
#[cfg(not(target_arch = "wasm32"))]
pub fn ledger_rules() -> String {
    let list = |statuses: &mut dyn Iterator<Item = Status>| {
        let names: Vec<String> = statuses.map(|s| format!("\"{}\"", s.as_str())).collect();
        format!("[{}]", names.join(","))
    };
    let mut members = Vec::new();
    for event in Event::ALL {
        let from = list(&mut Status::ALL.into_iter().filter(|&s| transition(s, event, Status::Unknown).is_some()));
        let to = match Status::ALL.into_iter().find_map(|s| transition(s, event, Status::Unknown)) {
            Some(to) if event != Event::Record => format!("\"{}\"", to.as_str()),
            _ => "null".into(),
        };
        members.push(format!("\"{}\":{{\"from\":{from},\"to\":{to}}}", event.as_str()));
    }
    members.push(format!("\"final\":{}", list(&mut Status::ALL.into_iter().filter(|s| s.is_final()))));
    members.push(format!("\"expired\":{}", expired().to_json()));
    members.push(format!("\"deadLettered\":{}", dead_lettered().to_json()));
    members.push(format!("\"batch\":{{\"messages\":{BATCH_MESSAGES},\"bytes\":{BATCH_BYTES}}}"));
    format!("{{{}}}", members.join(","))
}
