//! The reconciler's one use of threads: two halves of independent work, joined in order,
//! so that a result never depends on whether a second thread ran.

/// From this many lines, the reconciler splits its independent work over two threads:
/// the join builds its two sides' partitions on two threads (counting the larger side),
/// and the statement lines' outcomes are told in two halves.
pub(super) const PARALLEL_FROM: usize = 50_000;

/// Runs `other` on a second thread while this one runs `here`, and returns both results.
/// When no thread can be had (a process at its thread limit), `other` simply runs here
/// too: parallelism is only ever a speed-up, never a new way to fail. A panic in either
/// is passed on.
pub(super) fn in_parallel<A, B>(
    other: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B)
where
    A: Send,
{
    let other = std::sync::Mutex::new(Some(other));
    let take = || other.lock().ok().and_then(|mut slot| slot.take());
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || {
            let job = take();
            job.map(|job| job())
        });
        let mine = here();
        let theirs = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        // Either the thread ran the job, or it never started and the job is still here.
        let theirs = match theirs {
            Some(result) => result,
            None => match take() {
                Some(job) => job(),
                None => unreachable!("the job runs exactly once"),
            },
        };
        (theirs, mine)
    })
}

/// [`in_parallel`] for work over `lines` lines: on two threads from [`PARALLEL_FROM`]
/// lines, below that both here, `other` first.
pub(super) fn in_parallel_from<A, B>(
    lines: usize,
    other: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B)
where
    A: Send,
{
    if lines >= PARALLEL_FROM {
        in_parallel(other, here)
    } else {
        (other(), here())
    }
}
