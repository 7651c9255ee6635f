//! The test binary's allocator: counts the largest single allocation made on a tracked thread
//! (other tests run on other threads at the same time, with large buffers of their own), so the
//! fuzzers can check that a lying header cannot make a reader allocate what it claims.

use core::cell::Cell;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The counting allocator.
struct Tracking;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

std::thread_local! {
    /// Whether this thread's allocations are counted: only the fuzzing thread's are.
    static TRACKED: Cell<bool> = const { Cell::new(false) };
}

/// Records an allocation of `size` bytes if this thread is tracked.
fn record(size: usize) {
    // `try_with`: never fails for a const-initialized `Cell`, but an allocator must not panic.
    if TRACKED.try_with(Cell::get).unwrap_or(false) {
        LARGEST.fetch_max(size, Ordering::Relaxed);
    }
}

// SAFETY: forwards every call to the system allocator unchanged; only records sizes.
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: the caller upholds `alloc`'s contract, which `System` has too.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout (in `alloc` above).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: as for `dealloc`, and `new_size` is the caller's valid request.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Tracking = Tracking;

/// Whether this thread's allocations are counted from now on.
pub(crate) fn track_this_thread(yes: bool) {
    TRACKED.with(|tracked| tracked.set(yes));
}

/// Runs `f`, and the largest allocation a tracked thread made meanwhile.
pub(crate) fn largest_allocation<R>(f: impl FnOnce() -> R) -> (R, usize) {
    LARGEST.store(0, Ordering::Relaxed);
    let result = f();
    (result, LARGEST.load(Ordering::Relaxed))
}
