//! The global allocator: talc, with a free list per small size class in front of it.
//!
//! Validation makes and drops many small blocks (parsed arrays and objects, paths, the strings
//! that cross the boundary). Taking a block off a list and putting it back is a few
//! instructions, where talc searches its bins and splits and merges gaps on every call (about a
//! tenth of the time spent validating a task form). A block on a list stays there for the next
//! allocation of its class and is never given back to talc, so the lists hold at most the peak
//! number of small blocks in use at once.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr;

/// Size classes of 16, 32, …, 256 bytes, each block aligned to 16.
const STEP: usize = 16;
const CLASSES: usize = 16;

pub struct Cached<A> {
    inner: A,
    /// The head of each class's free list; a free block's first word points to the next.
    free: UnsafeCell<[*mut u8; CLASSES]>,
}

// Safety: only built without the `atomics` target feature (see mod.rs), where wasm has one
// thread, so the lists are never touched from two threads.
unsafe impl<A: Sync> Sync for Cached<A> {}

impl<A> Cached<A> {
    pub const fn new(inner: A) -> Self {
        Cached { inner, free: UnsafeCell::new([ptr::null_mut(); CLASSES]) }
    }
}

/// The class a layout is served from; None for large or over-aligned ones (talc's own).
fn class(layout: Layout) -> Option<usize> {
    (layout.size() > 0 && layout.size() <= STEP * CLASSES && layout.align() <= STEP).then(|| (layout.size() - 1) / STEP)
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for Cached<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else { return self.inner.alloc(layout) };
        let free = &mut *self.free.get();
        let head = free[c];
        if head.is_null() {
            // Safety: a non-zero size that is a multiple of a power-of-two alignment.
            return self.inner.alloc(Layout::from_size_align_unchecked((c + 1) * STEP, STEP));
        }
        free[c] = *head.cast::<*mut u8>();
        head
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else { return self.inner.dealloc(block, layout) };
        let free = &mut *self.free.get();
        // Every class block is at least 16 bytes and 16-aligned: room for the link.
        *block.cast::<*mut u8>() = free[c];
        free[c] = block;
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class(layout), class(new_layout)) {
            // The block already has room for the new size.
            (Some(a), Some(b)) if a == b => block,
            (None, None) => self.inner.realloc(block, layout, new_size),
            _ => {
                let moved = self.alloc(new_layout);
                if !moved.is_null() {
                    ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                    self.dealloc(block, layout);
                }
                moved
            }
        }
    }
}
